using Optimize.Changes;
using Optimize.Policy;

namespace Optimize.Planning;

/// <summary>The per-pass facts every guardrail reads, computed once.</summary>
public static partial class Planner
{
    private sealed class Context
    {
        public Context(PlannerInput input, ScopeMatcher matcher, ChangeWindowCalendar calendar)
        {
            Input = input;
            Matcher = matcher;
            LatestByResource = new Dictionary<string, ChangeRecord>(StringComparer.OrdinalIgnoreCase);
            foreach (var (resourceId, change) in input.LatestChangeByResource)
            {
                if (!LatestByResource.TryGetValue(resourceId, out var seen) || change.UpdatedAt > seen.UpdatedAt)
                {
                    LatestByResource[resourceId] = change;
                }
            }

            ActiveByResource = new Dictionary<string, ChangeRecord>(StringComparer.OrdinalIgnoreCase);
            foreach (var change in input.ActiveChanges.Concat(LatestByResource.Values.Where(c => c.State.IsActive())))
            {
                ActiveByResource.TryAdd(change.Resource.Id, change);
            }

            ActiveCount = input.ActiveChanges.Concat(ActiveByResource.Values).Select(c => c.ChangeId).Distinct(StringComparer.Ordinal).Count();
            WindowOpen = calendar.IsOpen(input.Now);
            NextOpening = WindowOpen ? input.Now : calendar.NextOpening(input.Now);
        }

        public PlannerInput Input { get; }

        public ScopeMatcher Matcher { get; }

        /// <summary>Latest change per resource id, case-insensitive.</summary>
        public Dictionary<string, ChangeRecord> LatestByResource { get; }

        /// <summary>One active change per resource id, case-insensitive.</summary>
        public Dictionary<string, ChangeRecord> ActiveByResource { get; }

        /// <summary>Distinct active changes (the in-flight limit counts these).</summary>
        public int ActiveCount { get; }

        public bool WindowOpen { get; }

        public DateTimeOffset? NextOpening { get; }
    }
}
