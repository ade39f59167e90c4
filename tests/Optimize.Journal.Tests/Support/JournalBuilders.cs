using Optimize.Changes;
using Optimize.Guards;
using Optimize.Model;
using Optimize.Recommendations;

namespace Optimize.Journal.Tests.Support;

/// <summary>Records with safe defaults.</summary>
internal static class JournalBuilders
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 20, 9, 30, 0, TimeSpan.Zero);

    public static string Vm(string name) =>
        $"/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-Journal/providers/Microsoft.Compute/virtualMachines/{name}";

    public static ChangeRecord Change(string changeId, string resourceId, DateTimeOffset createdAt, string passId = "pass-20261120T093000Z-0001") =>
        ChangeRecord.Planned(Plan(changeId, resourceId, passId), createdAt);

    public static ChangePlan Plan(string changeId, string resourceId, string passId) => new(
        changeId,
        passId,
        new ResourceRef(resourceId, ResourceKind.VirtualMachine, "westeurope", new Dictionary<string, string> { ["env"] = "prod" }),
        new VmConfig("Standard_D4s_v5"),
        [new ChangeStage(0, new VmConfig("Standard_D2s_v5"), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(5), AllowDeallocation: true)],
        RequiresApproval: false,
        ApprovalTimeout: TimeSpan.FromDays(1),
        Guards: [new GuardSpec("cpuPercent", "p95", AbsoluteMax: 80, MaxRegressionPercent: 25)],
        BaselineWindow: TimeSpan.FromDays(7),
        EstimatedMonthlySavings: 70.08m,
        Currency: "USD",
        Rationale: "cpu p95 23.4% on 4 vCPU");

    public static PassRecord Pass(string passId, DateTimeOffset startedAt, string status = "running") =>
        new(passId, "nightly", startedAt, status == "running" ? null : startedAt.AddMinutes(3), status, 10, 4, 2, 6, 123.45m, "USD");

    public static DecisionRecord Decision(string passId, string resourceId, int evidenceItems = 3) => new(
        passId,
        resourceId,
        ResourceKind.VirtualMachine,
        DecisionOutcome.Recommended,
        string.Empty,
        "right-size to Standard_D2s_v5",
        new VmConfig("Standard_D4s_v5"),
        new VmConfig("Standard_D2s_v5"),
        70.08m,
        Enumerable.Range(0, evidenceItems).Select(i => new EvidenceItem($"cpu.p{i % 100}", (i * 0.37) + 1.5, "%")).ToList());

    public static ChangeEvent Event(string changeId, string step = ChangeSteps.Apply, DateTimeOffset? at = null) =>
        new(changeId, 0, at ?? T0, step, 0, $"{step} done", step == ChangeSteps.Assess ? VerdictKind.Successful : null, ChangeState.Applying);
}
