using Optimize.Changes;
using Optimize.Model;
using Optimize.Simulator.Fleet;

namespace Optimize.Simulator.Tests.Ports;

public sealed class SimulatedConfigurationClientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("Standard_X99_v9", "unknown")]
    [InlineData("Standard_Z1_v1", "unknown")]
    [InlineData("P1v3", "unknown")]
    public async Task ApplyAsync_UnknownSize_FailsInvalidTargetAndWritesNothing(string size, string expected)
    {
        var t = new TestFleet();
        var vm = t.First(FleetScenario.OverProvisioned, ResourceKind.VirtualMachine);

        var result = await t.Config.ApplyAsync(vm.Resource, new VmConfig(size), false, Ct);

        Assert.Equal(ChangeFailureKinds.InvalidTarget, result.Failure?.Kind);
        Assert.Contains(expected, result.Failure!.Message, StringComparison.Ordinal);
        Assert.Equal(vm.InitialConfig, result.Observed);
        Assert.Empty(t.Fleet.History(vm));
    }

    [Fact]
    public async Task ApplyAsync_SizeOutsideTheFamily_FailsInvalidTarget()
    {
        var t = new TestFleet();
        var vm = t.First(FleetScenario.OverProvisioned, ResourceKind.VirtualMachine);
        var other = ((VmConfig)vm.InitialConfig).Size.StartsWith("Standard_D", StringComparison.Ordinal) ? "Standard_E2s_v5" : "Standard_D2s_v5";

        var result = await t.Config.ApplyAsync(vm.Resource, new VmConfig(other), false, Ct);

        Assert.Equal(ChangeFailureKinds.InvalidTarget, result.Failure?.Kind);
        Assert.Contains("outside the family", result.Failure!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1024, 100, "Flex Consumption size")]
    [InlineData(2048, 10, "outside 40–1000")]
    public async Task ApplyAsync_InvalidFunctionTarget_FailsInvalidTarget(int memory, int max, string expected)
    {
        var t = new TestFleet();
        var fn = t.First(FleetScenario.OverProvisioned, ResourceKind.FunctionApp);

        var result = await t.Config.ApplyAsync(fn.Resource, new FunctionAppConfig(memory, max), false, Ct);

        Assert.Equal(ChangeFailureKinds.InvalidTarget, result.Failure?.Kind);
        Assert.Contains(expected, result.Failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplyAsync_AutoscaleTargetChanged_FailsInvalidTarget()
    {
        var t = new TestFleet();
        var setting = t.First(FleetScenario.FlappingAutoscale);

        var result = await t.Config.ApplyAsync(setting.Resource, (AutoscaleConfig)setting.InitialConfig with { TargetResourceId = t.Fleet[0].Resource.Id }, false, Ct);

        Assert.Equal(ChangeFailureKinds.InvalidTarget, result.Failure?.Kind);
    }

    [Fact]
    public async Task ApplyAsync_CurrentConfig_SucceedsWithoutAWrite()
    {
        var t = new TestFleet();
        var plan = t.First(FleetScenario.OverProvisioned, ResourceKind.AppServicePlan);
        var current = (AppServicePlanConfig)plan.InitialConfig;

        var result = await t.Config.ApplyAsync(plan.Resource, current with { Sku = current.Sku.ToUpperInvariant() }, false, Ct);

        Assert.True(result.Succeeded);
        Assert.Equal(current, result.Observed);
        Assert.Empty(t.Fleet.History(plan));
        Assert.Equal(0, t.Fleet.StatefulResourceCount);
    }

    [Fact]
    public async Task ApplyAsync_ValidTarget_TakesEffectNowAndRecordsTheOperation()
    {
        var t = new TestFleet();
        var plan = t.First(FleetScenario.OverProvisioned, ResourceKind.AppServicePlan);
        var target = (AppServicePlanConfig)plan.InitialConfig with { Workers = 1 };

        var result = await t.Config.ApplyAsync(plan.Resource, target, false, Ct);
        var read = await t.Config.ReadAsync(plan.Resource, Ct);

        Assert.Equal(target, result.Observed);
        Assert.Equal(target, read.Config);
        var change = Assert.Single(t.Fleet.History(plan));
        Assert.Equal(TestFleet.Now, change.At);
        Assert.InRange(change.OperationDuration, TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10));
        Assert.False(change.Restarted);
        Assert.Equal(plan.InitialConfig, t.Fleet.ConfigAt(plan, TestFleet.Now - TimeSpan.FromTicks(1)));
    }

    [Fact]
    public async Task ApplyAsync_ThrottledTwice_FailsTwiceThenSucceeds()
    {
        var t = new TestFleet();
        var vm = t.First(FleetScenario.OverProvisioned, ResourceKind.VirtualMachine);
        var target = Smaller(vm);
        t.Faults.FailWrites(vm.Resource.Id, 2);

        var first = await t.Config.ApplyAsync(vm.Resource, target, false, Ct);
        var second = await t.Config.ApplyAsync(vm.Resource, target, false, Ct);
        var third = await t.Config.ApplyAsync(vm.Resource, target, false, Ct);

        Assert.Equal(ChangeFailureKinds.Throttled, first.Failure?.Kind);
        Assert.Contains("429", first.Failure!.Message, StringComparison.Ordinal);
        Assert.Equal(ChangeFailureKinds.Throttled, second.Failure?.Kind);
        Assert.True(third.Succeeded);
        Assert.Single(t.Fleet.History(vm));
    }

    [Theory]
    [InlineData(ChangeFailureKinds.Conflict)]
    [InlineData(ChangeFailureKinds.OperationFailed)]
    public async Task ApplyAsync_InjectedWriteFailure_ComesBackAsThatKind(string kind)
    {
        var t = new TestFleet();
        var vm = t.First(FleetScenario.OverProvisioned, ResourceKind.VirtualMachine);
        t.Faults.FailWrites(vm.Resource.Id, 1, kind);

        var result = await t.Config.ApplyAsync(vm.Resource, Smaller(vm), false, Ct);

        Assert.Equal(kind, result.Failure?.Kind);
        Assert.Equal(vm.InitialConfig, result.Observed);
    }

    [Fact]
    public async Task ApplyAsync_FailingRollback_ChangeSucceedsButRestoringFails()
    {
        var t = new TestFleet();
        var plan = t.First(FleetScenario.RegressesAfterDownsize);
        var baseline = (AppServicePlanConfig)plan.InitialConfig;
        t.Faults.FailRollback(plan.Resource.Id);

        var change = await t.Config.ApplyAsync(plan.Resource, baseline with { Workers = 1 }, false, Ct);
        t.Time.Advance(TimeSpan.FromHours(1));
        var rollback = await t.Config.ApplyAsync(plan.Resource, baseline, false, Ct);

        Assert.True(change.Succeeded);
        Assert.Equal(ChangeFailureKinds.OperationFailed, rollback.Failure?.Kind);
        Assert.Contains("Rollback", rollback.Failure!.Message, StringComparison.Ordinal);
        Assert.Equal(baseline with { Workers = 1 }, rollback.Observed);
    }

    [Fact]
    public async Task ApplyAsync_ResizeNeedingDeallocation_RefusedUnlessAllowed()
    {
        var t = new TestFleet();
        var vm = t.First(FleetScenario.OverProvisioned, ResourceKind.VirtualMachine);
        t.Faults.RequireDeallocation(vm.Resource.Id);

        var refused = await t.Config.ApplyAsync(vm.Resource, Smaller(vm), allowDeallocation: false, Ct);
        var allowed = await t.Config.ApplyAsync(vm.Resource, Smaller(vm), allowDeallocation: true, Ct);

        Assert.Equal(ChangeFailureKinds.InvalidTarget, refused.Failure?.Kind);
        Assert.True(allowed.Succeeded);
    }

    [Fact]
    public async Task ReadAsync_InjectedFailureThenUnknownResource_FailuresAsData()
    {
        var t = new TestFleet();
        var vm = t.Fleet[0];
        t.Faults.FailConfigReads(vm.Resource.Id, 1);
        var missing = new ResourceRef(vm.Resource.Id.Replace("-0000", "-9999", StringComparison.Ordinal), ResourceKind.VirtualMachine, "westeurope");

        var failed = await t.Config.ReadAsync(vm.Resource, Ct);
        var ok = await t.Config.ReadAsync(vm.Resource, Ct);
        var notFound = await t.Config.ReadAsync(missing, Ct);

        Assert.Equal(ChangeFailureKinds.Transient, failed.Failure?.Kind);
        Assert.Equal(vm.InitialConfig, ok.Config);
        Assert.Equal(ChangeFailureKinds.NotFound, notFound.Failure?.Kind);
    }

    private static VmConfig Smaller(SimulatedResource vm) =>
        new(((VmConfig)vm.InitialConfig).Size.StartsWith("Standard_E", StringComparison.Ordinal) ? "Standard_E2s_v5" : "Standard_D2s_v5");
}
