using Optimize.Recommendations;

namespace Optimize.Advisors.Estimation;

/// <summary>The result of <see cref="SizingFlow.Evaluate"/>: a skip already decided, or a sizer decision with its evidence.</summary>
internal sealed record SizingOutcome(Advice? Skip, FleetDecision? Decision, EvidenceList Evidence, double Multiplier, string Statistic, double CpuStat, double MemoryStat);
