using Optimize.Model;

namespace Optimize.Hosting.Tests;

/// <summary>Inferring the kind of an alert's target from its ARM id.</summary>
public sealed class ResourceKindsTests
{
    private const string Rg = "/subscriptions/8f2d6c1e-4b7a-4e2d-9c31-5a0e7b9d2f11/resourceGroups/rg/providers/";

    [Theory]
    [InlineData(Rg + "Microsoft.Web/sites/fn1", ResourceKind.FunctionApp)]
    [InlineData(Rg + "microsoft.web/serverfarms/plan1", ResourceKind.AppServicePlan)]
    [InlineData(Rg + "Microsoft.Compute/virtualMachines/vm1", ResourceKind.VirtualMachine)]
    [InlineData(Rg + "Microsoft.Compute/virtualMachineScaleSets/ss1", ResourceKind.ScaleSet)]
    [InlineData(Rg + "microsoft.insights/autoscalesettings/as1", ResourceKind.AutoscaleSetting)]
    public void FromResourceId_OneOfTheFiveKinds_ReturnsIt(string id, ResourceKind expected) =>
        Assert.Equal(expected, ResourceKinds.FromResourceId(id));

    [Theory]
    [InlineData(Rg + "microsoft.storage/storageaccounts/sa1")]
    [InlineData("/subscriptions/8f2d6c1e-4b7a-4e2d-9c31-5a0e7b9d2f11/resourceGroups/rg")]
    [InlineData("")]
    public void FromResourceId_OtherOrShortId_ReturnsNull(string id) => Assert.Null(ResourceKinds.FromResourceId(id));
}
