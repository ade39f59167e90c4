using Optimize.Changes;
using Optimize.Cli.Reports;
using Optimize.Journal;
using Optimize.Model;

namespace Optimize.Cli.Tests.Reports;

/// <summary><c>optimize report</c>'s figures from a hand-built journal (<see cref="OperationsReportBuilder"/>).</summary>
public sealed class OperationsReportTests
{
    private static readonly DateTimeOffset PassStart = new(2026, 11, 2, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Since = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Build_WorkedJournal_GivesRevertRatesSavingsLatenciesEscalationsAndApprovals()
    {
        var journal = new InMemoryJournal();
        var ct = TestContext.Current.CancellationToken;
        await journal.RecordPassAsync(new PassRecord("pass-1", "timer", PassStart, PassStart.AddMinutes(5), "completed", 7, 7, 7, 0, 250m, "USD"), ct);
        // VMs: A promoted (+100, applied after 30 min), B rolled back by a guard (+50, 60 min), D an upsize promoted (−30, 10 min),
        // F awaiting approval (+70), G created before --since (excluded, though updated after it).
        await Add(journal, "A", ResourceKind.VirtualMachine, ChangeState.Promoted, 100m, applyAfter: 30);
        await Add(journal, "B", ResourceKind.VirtualMachine, ChangeState.RolledBack, 50m, applyAfter: 60, rollbackAfter: 90);
        await Add(journal, "D", ResourceKind.VirtualMachine, ChangeState.Promoted, -30m, applyAfter: 10);
        await Add(journal, "F", ResourceKind.VirtualMachine, ChangeState.AwaitingApproval, 70m);
        await Add(journal, "G", ResourceKind.VirtualMachine, ChangeState.Promoted, 999m, applyAfter: 5, created: Since.AddDays(-3));
        // A scale set rolled back by an alert (+40; applied at 120 min, alert at 180, rolled back at 190) and a plan escalated (+20, 20 min).
        await Add(journal, "C", ResourceKind.ScaleSet, ChangeState.RolledBack, 40m, applyAfter: 120, alertAfter: 180, rollbackAfter: 190);
        await Add(journal, "E", ResourceKind.AppServicePlan, ChangeState.RollbackFailed, 20m, applyAfter: 20);

        var report = await OperationsReportBuilder.BuildAsync(journal, Since, null, ct);

        Assert.Equal(6, report.Changes);
        var vm = report.Kinds.Single(k => k.Kind == ResourceKind.VirtualMachine);
        Assert.Equal((3, 2, 1, 0, 1), (vm.Applied, vm.Promoted, vm.RolledBack, vm.Escalated, vm.InFlight));
        Assert.Equal(1.0 / 3, vm.RevertRate!.Value, 12);
        Assert.Equal(1.0, report.Kinds.Single(k => k.Kind == ResourceKind.ScaleSet).RevertRate);
        Assert.Equal(1.0, report.Kinds.Single(k => k.Kind == ResourceKind.AppServicePlan).RevertRate); // an escalation is a revert that failed
        Assert.Equal(100m + 50m - 30m + 40m + 20m, report.EstimatedMonthlySavings); // applied changes, net of the upsize
        Assert.Equal(100m - 30m, report.RealizedMonthlySavings); // still promoted
        Assert.Equal(5, report.PassToApply.Samples); // 10, 20, 30, 60, 120 minutes
        Assert.Equal(30, report.PassToApply.MedianMinutes!.Value, 0);
        Assert.Equal(120, report.PassToApply.MaxMinutes!.Value, 6);
        Assert.Equal(1, report.AlertToRollback.Samples);
        Assert.Equal(10, report.AlertToRollback.MaxMinutes!.Value, 6);
        Assert.Equal("E", Assert.Single(report.Escalations).ChangeId);
        var waiting = Assert.Single(report.AwaitingApproval);
        Assert.Equal(("F", "Standard_D8s_v5", "Standard_D4s_v5"), (waiting.ChangeId, waiting.From, waiting.To));
        Assert.Empty(report.Notes);
    }

    [Fact]
    public async Task Build_EmptyJournal_HasNoSamplesAndNoRates()
    {
        var report = await OperationsReportBuilder.BuildAsync(new InMemoryJournal(), null, null, TestContext.Current.CancellationToken);

        Assert.Equal(0, report.Changes);
        Assert.Empty(report.Kinds);
        Assert.Equal(0, report.PassToApply.Samples);
        Assert.Null(report.PassToApply.MedianMinutes);
    }

    [Fact]
    public async Task Report_InMemoryJournal_IsRefusedWithAReason()
    {
        var result = await CliRunner.RunAsync("report", "--journal", "memory");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("in-memory journal", result.Err, StringComparison.Ordinal);
    }

    private static async Task Add(InMemoryJournal journal, string id, ResourceKind kind, ChangeState state, decimal savings,
        int? applyAfter = null, int? alertAfter = null, int? rollbackAfter = null, DateTimeOffset? created = null)
    {
        var ct = TestContext.Current.CancellationToken;
        var type = kind switch
        {
            ResourceKind.ScaleSet => "Microsoft.Compute/virtualMachineScaleSets",
            ResourceKind.AppServicePlan => "Microsoft.Web/serverfarms",
            _ => "Microsoft.Compute/virtualMachines",
        };
        ResourceConfig from = kind switch
        {
            ResourceKind.ScaleSet => new ScaleSetConfig("Standard_D4s_v5", 4),
            ResourceKind.AppServicePlan => new AppServicePlanConfig("P1v3", 2),
            _ => new VmConfig("Standard_D8s_v5"),
        };
        ResourceConfig to = kind switch
        {
            ResourceKind.ScaleSet => new ScaleSetConfig("Standard_D2s_v5", 4),
            ResourceKind.AppServicePlan => new AppServicePlanConfig("P1v3", 1),
            _ => new VmConfig("Standard_D4s_v5"),
        };
        var resource = new ResourceRef($"/subscriptions/sub1/resourceGroups/rg1/providers/{type}/{id.ToLowerInvariant()}1", kind, "westeurope");
        var plan = new ChangePlan(id, "pass-1", resource, from, [new ChangeStage(0, to, TimeSpan.FromMinutes(15), TimeSpan.FromHours(1), TimeSpan.FromMinutes(30))],
            false, TimeSpan.FromDays(1), [], TimeSpan.FromDays(7), savings, "USD", "worked example");
        var at = created ?? PassStart;
        await journal.CreateAsync(new ChangeRecord(id, plan, state, 0, from, at, PassStart.AddHours(5), state.ToString()), ct);
        long sequence = 0;
        async Task Step(string step, int minutes, ChangeState after) =>
            await journal.AppendAsync(new ChangeEvent(id, ++sequence, PassStart.AddMinutes(minutes), step, 0, step, null, after), ct);
        await Step(ChangeSteps.Capture, 1, ChangeState.Planned);
        if (applyAfter is int apply)
        {
            await Step(ChangeSteps.Apply, apply, ChangeState.Applying);
            await Step(ChangeSteps.Apply, apply + 1, ChangeState.Observing);
        }

        if (alertAfter is int alert)
        {
            await Step(ChangeSteps.Alert, alert, ChangeState.Observing);
        }

        if (rollbackAfter is int rollback)
        {
            await Step(ChangeSteps.Rollback, rollback - 5, ChangeState.RollingBack);
            await Step(ChangeSteps.Rollback, rollback, ChangeState.RolledBack);
        }
    }
}
