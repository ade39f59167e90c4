using Optimize.Model;

namespace Optimize.Azure.Tests.Configuration;

/// <summary>Resource references for the replayed examples.</summary>
internal static class Refs
{
    public const string Sub = "34adfa4f-cedf-4dc0-ba29-b6d1a69ab345";

    public static ResourceRef Plan => new($"/subscriptions/{Sub}/resourceGroups/testrg123/providers/Microsoft.Web/serverfarms/testsf6141", ResourceKind.AppServicePlan, "eastus");

    public static ResourceRef Site => new($"/subscriptions/{Sub}/resourceGroups/testrg123/providers/Microsoft.Web/sites/sitef6141", ResourceKind.FunctionApp, "eastus");

    public static ResourceRef Autoscale => new(
        "/subscriptions/b67f7fec-69fc-4974-9099-a26bd6ffeda3/resourceGroups/TestingMetricsScaleSet/providers/microsoft.insights/autoscalesettings/MySetting",
        ResourceKind.AutoscaleSetting, "westus");

    public static ResourceRef Vm => new($"/subscriptions/{Sub}/resourceGroups/myResourceGroup/providers/Microsoft.Compute/virtualMachines/myVM", ResourceKind.VirtualMachine, "westus");

    public static ResourceRef Vmss => new($"/subscriptions/{Sub}/resourceGroups/rgcompute/providers/Microsoft.Compute/virtualMachineScaleSets/vmssName", ResourceKind.ScaleSet, "westus");
}
