using Optimize.Changes;
using Optimize.Policy;
using Optimize.Recommendations;

namespace Optimize.Planning;

/// <summary>Everything the planner needs for one pass, as plain data (it reads no clock and no journal).</summary>
public sealed record PlannerInput
{
    /// <summary>Creates and validates the input.</summary>
    /// <param name="passId">The pass; part of every planned change id.</param>
    /// <param name="now">The pass's time: windows and cooldowns are judged at this instant.</param>
    /// <param name="policy">The loaded, valid policy.</param>
    /// <param name="advices">What the advisors concluded, one per resource looked at.</param>
    /// <param name="activeChanges">Every change not yet terminal (single flight and the in-flight limit).</param>
    /// <param name="latestChangeByResource">The latest change of each resource by ARM id (cooldowns); any state.</param>
    /// <exception cref="ArgumentException">An empty pass id, or a terminal change among <paramref name="activeChanges"/>.</exception>
    public PlannerInput(
        string passId,
        DateTimeOffset now,
        OptimizePolicy policy,
        IReadOnlyList<Advice> advices,
        IReadOnlyList<ChangeRecord> activeChanges,
        IReadOnlyDictionary<string, ChangeRecord> latestChangeByResource)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(passId);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(advices);
        ArgumentNullException.ThrowIfNull(activeChanges);
        ArgumentNullException.ThrowIfNull(latestChangeByResource);
        if (activeChanges.FirstOrDefault(c => c.State.IsTerminal()) is { } terminal)
        {
            throw new ArgumentException($"Change {terminal.ChangeId} is {terminal.State}, not active.", nameof(activeChanges));
        }

        PassId = passId;
        Now = now;
        Policy = policy;
        Advices = advices;
        ActiveChanges = activeChanges;
        LatestChangeByResource = latestChangeByResource;
    }

    /// <summary>The pass.</summary>
    public string PassId { get; }

    /// <summary>The pass's time.</summary>
    public DateTimeOffset Now { get; }

    /// <summary>The policy.</summary>
    public OptimizePolicy Policy { get; }

    /// <summary>The advisors' conclusions.</summary>
    public IReadOnlyList<Advice> Advices { get; }

    /// <summary>Changes not yet terminal.</summary>
    public IReadOnlyList<ChangeRecord> ActiveChanges { get; }

    /// <summary>Latest change per resource id (looked up case-insensitively).</summary>
    public IReadOnlyDictionary<string, ChangeRecord> LatestChangeByResource { get; }
}
