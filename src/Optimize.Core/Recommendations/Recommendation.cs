using Optimize.Model;

namespace Optimize.Recommendations;

/// <summary>Which way a recommendation moves capacity.</summary>
public enum Direction
{
    /// <summary>Less capacity: saves money, needs sustained evidence.</summary>
    Down,

    /// <summary>More capacity: protects the workload, taken fast.</summary>
    Up,

    /// <summary>Same capacity, different shape (autoscale thresholds that flap).</summary>
    Retune,
}

/// <summary>
/// An advisor's proposal for one resource, with the numbers that justified it. Pure data.
/// </summary>
/// <param name="Resource">The resource.</param>
/// <param name="Current">Its configuration when the pass read it.</param>
/// <param name="Target">The proposed configuration.</param>
/// <param name="Direction">Down, Up or Retune.</param>
/// <param name="Rationale">One sentence with the numbers: "cpu p95 1.9 vCPU of 8; D4s_v5 projected p95 47% ≤ 70%".</param>
/// <param name="Evidence">The numbers used.</param>
/// <param name="EstimatedMonthlySavings">Current minus target monthly cost (negative for an Up).</param>
/// <param name="Currency">Currency of the saving.</param>
/// <param name="Stages">Intermediate targets in order, ending with <paramref name="Target"/>; one element for a single step.</param>
public sealed record Recommendation(
    ResourceRef Resource,
    ResourceConfig Current,
    ResourceConfig Target,
    Direction Direction,
    string Rationale,
    IReadOnlyList<EvidenceItem> Evidence,
    decimal EstimatedMonthlySavings,
    string Currency,
    IReadOnlyList<ResourceConfig> Stages)
{
    /// <summary>"Standard_D8s_v5 → Standard_D4s_v5".</summary>
    public string Summary => $"{Current.Describe()} → {Target.Describe()}";
}
