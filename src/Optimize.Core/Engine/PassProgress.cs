namespace Optimize.Engine;

/// <summary>Progress of a pass, reported as it goes.</summary>
/// <param name="Step">Current step: inventory, metrics, prices, advise, plan, record.</param>
/// <param name="Done">Units done in this step.</param>
/// <param name="Total">Units expected in this step, or 0 when unknown.</param>
public readonly record struct PassProgress(string Step, int Done, int Total);
