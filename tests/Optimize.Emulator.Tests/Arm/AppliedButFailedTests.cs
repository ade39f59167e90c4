using Microsoft.Extensions.Time.Testing;
using Optimize.Catalog;
using Optimize.Changes;
using Optimize.Model;
using Optimize.Simulator.Fleet;
using Optimize.Tests.Emulated;

namespace Optimize.Emulator.Tests.Arm;

/// <summary>
/// <see cref="EmulatorFaults.AppliedButFailedRate"/>: the write takes effect and its long-running operation still ends Failed
/// (async-api-reference.md: a terminal status of Failed carries an error; the resource is what it is), so the production
/// adapters report a failure while the fleet's timeline holds the new configuration: the case the workflow's verification
/// read exists for.
/// </summary>
public sealed class AppliedButFailedTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 2, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PlanPut_AppliedButReportedFailed_AdapterFailsAndTheFleetHoldsTheTarget()
    {
        var fleet = FleetGenerator.Generate(new FleetOptions { Seed = 42, ResourceCount = 24 }, BuiltInCatalog.Default);
        var plan = fleet.Resources.First(r => r.Resource.Kind == ResourceKind.AppServicePlan && ((AppServicePlanConfig)r.InitialConfig).Workers > 1);
        var before = (AppServicePlanConfig)plan.InitialConfig;
        var target = before with { Workers = before.Workers - 1 };
        await using var cloud = await EmulatedFleet.StartAsync(fleet, new FakeTimeProvider(Now), new EmulatorFaults { AppliedButFailedRate = 1 }, maxRetries: 0, ct: Ct);

        var result = await cloud.Engine.Configuration.ApplyAsync(plan.Resource, target, allowDeallocation: false, Ct);

        Assert.False(result.Succeeded);
        Assert.Equal(ChangeFailureKinds.OperationFailed, result.Failure!.Kind);
        Assert.Equal(target, fleet.ConfigAt(plan, Now));
        Assert.Equal(target, (await cloud.Engine.Configuration.ReadAsync(plan.Resource, Ct)).Config);
    }

    [Fact]
    public async Task VmPatch_AppliedButReportedFailed_AdapterFailsAndTheFleetHoldsTheNewSize()
    {
        var fleet = FleetGenerator.Generate(new FleetOptions { Seed = 42, ResourceCount = 24 }, BuiltInCatalog.Default);
        var catalog = BuiltInCatalog.Default;
        var (vm, smaller) = fleet.Resources.Where(r => r.Resource.Kind == ResourceKind.VirtualMachine)
            .Select(r => (r, From: catalog.Find(ResourceKind.VirtualMachine, ((VmConfig)r.InitialConfig).Size)))
            .Where(x => x.From is not null)
            .Select(x => (x.r, To: catalog.Candidates(ResourceKind.VirtualMachine, x.r.Resource.Location)
                .FirstOrDefault(s => s.Family == x.From!.Family && s.VCpus == x.From.VCpus / 2)))
            .First(x => x.To is not null);
        var target = new VmConfig(smaller!.Name);
        await using var cloud = await EmulatedFleet.StartAsync(fleet, new FakeTimeProvider(Now), new EmulatorFaults { AppliedButFailedRate = 1 }, maxRetries: 0, ct: Ct);

        var result = await cloud.Engine.Configuration.ApplyAsync(vm.Resource, target, allowDeallocation: false, Ct);

        Assert.False(result.Succeeded);
        Assert.Equal(target, fleet.ConfigAt(vm, Now));
    }

    [Fact]
    public void Spec_AppliedFailed_SetsTheRate_AndOutOfRangeIsRefused()
    {
        Assert.Equal(0.02, EmulatorFaultSpec.Parse("applied-failed=0.02", out _)!.AppliedButFailedRate);
        Assert.Null(EmulatorFaultSpec.Parse("applied-failed=2", out var errors));
        Assert.Contains(errors, e => e.Contains(nameof(EmulatorFaults.AppliedButFailedRate), StringComparison.Ordinal));
    }
}
