using Optimize.Changes;
using Optimize.Model;

namespace Optimize.Workflow;

/// <summary>How a staged change ended: the workflow's output.</summary>
/// <param name="ChangeId">The change.</param>
/// <param name="ResourceId">The resource.</param>
/// <param name="State">Terminal state.</param>
/// <param name="StagesCompleted">Stages promoted.</param>
/// <param name="Final">Configuration the resource was left in, as read back (null when it could not be read).</param>
/// <param name="Reason">Why it ended so: "promoted", "latencyMs p95 412 &gt; 300", "approval timed out".</param>
/// <param name="Failure">The failure that ended it, when one did.</param>
public sealed record ChangeOutcome(
    string ChangeId,
    string ResourceId,
    ChangeState State,
    int StagesCompleted,
    ResourceConfig? Final,
    string Reason,
    ChangeFailure? Failure = null);
