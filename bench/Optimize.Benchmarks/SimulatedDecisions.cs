using Optimize.Journal;
using Optimize.Model;
using Optimize.Recommendations;

namespace Optimize.Benchmarks;

/// <summary>Decisions shaped like a real pass: one in five recommends a change, the rest are skipped with a reason;
/// six evidence items each.</summary>
internal static class SimulatedDecisions
{
    public static List<DecisionRecord> Pass(string passId, int count) =>
        Enumerable.Range(0, count).Select(i => Decision(passId, i)).ToList();

    private static DecisionRecord Decision(string passId, int i)
    {
        var recommends = i % 5 == 0;
        var id = $"/subscriptions/3f2c8a61-1b7e-4d2a-9c55-0e8f6a4b2d10/resourceGroups/rg-app-{i % 40:D2}/providers/Microsoft.Compute/virtualMachines/vm-app-{i:D5}";
        return new DecisionRecord(
            passId,
            id,
            ResourceKind.VirtualMachine,
            recommends ? DecisionOutcome.Recommended : DecisionOutcome.Skipped,
            recommends ? string.Empty : "right-sized",
            recommends ? "cpu p95 23.4% on 4 vCPU: Standard_D2s_v5 keeps p95 under 60% with 20% headroom" : "cpu p95 61.0% is within the target band",
            new VmConfig("Standard_D4s_v5"),
            recommends ? new VmConfig("Standard_D2s_v5") : null,
            recommends ? 70.08m : 0m,
            [
                new EvidenceItem("cpu.p95", 23.4 + (i % 50), "%"),
                new EvidenceItem("cpu.max", 71.2, "%"),
                new EvidenceItem("memory.p95", 41.0, "%"),
                new EvidenceItem("coverage", 0.98, "ratio"),
                new EvidenceItem("demand.vcpu", 0.94, "vCPU"),
                new EvidenceItem("saving", recommends ? 70.08 : 0, "USD/month"),
            ]);
    }
}
