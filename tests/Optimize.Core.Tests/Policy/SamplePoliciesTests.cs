using Optimize.Model;
using Optimize.Policy;
using Optimize.Testing;

namespace Optimize.Core.Tests.Policy;

public sealed class SamplePoliciesTests
{
    private static string Sample(string name) => Path.Combine(RepoPaths.Root, "samples", "policies", name);

    [Fact]
    public void Samples_Folder_HoldsTheThreeSamples()
    {
        Assert.Equal(
            ["approve-for-prod.json", "auto-for-dev.json", "recommend-only-starter.json"],
            Directory.GetFiles(Path.Combine(RepoPaths.Root, "samples", "policies"), "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("recommend-only-starter.json", ChangeMode.Recommend)]
    [InlineData("approve-for-prod.json", ChangeMode.Recommend)]
    [InlineData("auto-for-dev.json", ChangeMode.Off)]
    public void LoadFile_Sample_IsValid(string name, ChangeMode defaultMode)
    {
        var policy = PolicyAssert.Valid(PolicyLoader.LoadFile(Sample(name)));

        Assert.Equal(defaultMode, policy.DefaultMode);
    }

    [Fact]
    public void ApproveForProd_ProdVm_NeedsApprovalAndDatabasesAreOff()
    {
        var policy = PolicyAssert.Valid(PolicyLoader.LoadFile(Sample("approve-for-prod.json")));
        var matcher = new ScopeMatcher(policy);
        var prodVm = new ResourceRef("/subscriptions/00000000-0000-0000-0000-0000000000a1/resourceGroups/rg-prod-web/providers/Microsoft.Compute/virtualMachines/vm1",
            ResourceKind.VirtualMachine, "westeurope", new Dictionary<string, string> { ["env"] = "prod" });
        var db = new ResourceRef("/subscriptions/00000000-0000-0000-0000-0000000000a1/resourceGroups/rg-db-orders/providers/Microsoft.Compute/virtualMachines/sql1",
            ResourceKind.VirtualMachine, "westeurope");

        Assert.Equal(("prod", ChangeMode.Approve), (matcher.Match(prodVm).Scope?.Name, matcher.Match(prodVm).Mode));
        Assert.Equal(ChangeMode.Off, matcher.Match(db).Mode);
        Assert.Equal(TimeSpan.FromHours(24), policy.Kinds.VirtualMachine.Stages.Observe);
    }

    [Fact]
    public void AutoForDev_WeekdayNights_CrossMidnight()
    {
        var calendar = new ChangeWindowCalendar(PolicyAssert.Valid(PolicyLoader.LoadFile(Sample("auto-for-dev.json"))).ChangeWindows);

        // Friday 19:00 opens until Saturday 07:00; Saturday evening stays closed until Monday 19:00.
        Assert.True(calendar.IsOpen(new DateTimeOffset(2026, 11, 28, 6, 59, 0, TimeSpan.Zero)));
        Assert.False(calendar.IsOpen(new DateTimeOffset(2026, 11, 28, 20, 0, 0, TimeSpan.Zero)));
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 19, 0, 0, TimeSpan.Zero), calendar.NextOpening(new DateTimeOffset(2026, 11, 28, 20, 0, 0, TimeSpan.Zero)));
    }
}
