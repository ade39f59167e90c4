using Optimize.Model;
using Optimize.Recommendations;

namespace Optimize.Advisors.Estimation;

/// <summary>
/// The advisors' side of <see cref="AutoscaledCapacity"/>: a scale set or plan whose capacity an enabled autoscale setting
/// controls is sized at its current count only (the SKU may move, the count may not), and a no-change says so.
/// </summary>
internal static class AutoscalePin
{
    /// <summary>The count range a sizing may use: [<paramref name="min"/>, <paramref name="max"/>], or the current count alone under autoscale.</summary>
    public static (int Min, int Max) Range(ResourceRef resource, int current, int min, int max) =>
        AutoscaledCapacity.Applies(resource) ? (current, current) : (min, max);

    /// <summary>
    /// <paramref name="advice"/>, with a sizing no-change (right-sized, already smallest, no candidate) restated as
    /// <see cref="SkipReasons.AutoscaledCapacity"/> and a recommendation's rationale noting that the count is autoscale's.
    /// </summary>
    public static Advice Note(ResourceRef resource, Advice advice)
    {
        if (!AutoscaledCapacity.Applies(resource))
        {
            return advice;
        }

        if (advice.Recommendation is { } recommendation)
        {
            return Advice.Recommend(recommendation with
            {
                Rationale = recommendation.Rationale + $" Capacity left to autoscale setting {resource.AutoscaledBy}: only the SKU changes.",
            });
        }

        return advice.Skip is { Code: SkipReasons.RightSizedCode or SkipReasons.AlreadySmallestCode or SkipReasons.NoCandidateCode } skip
            ? Advice.NoChange(resource, SkipReasons.AutoscaledCapacity(resource.AutoscaledBy!, skip.Message), advice.Evidence)
            : advice;
    }
}
