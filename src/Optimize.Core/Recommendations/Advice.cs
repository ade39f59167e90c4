using Optimize.Model;

namespace Optimize.Recommendations;

/// <summary>
/// What an advisor concluded for one resource: a recommendation, or a skip with its reason. Either way the
/// evidence it looked at travels with it, so a report can show why nothing was done.
/// </summary>
public sealed record Advice
{
    private Advice(ResourceRef resource, Recommendation? recommendation, SkipReason? skip, IReadOnlyList<EvidenceItem> evidence)
    {
        Resource = resource;
        Recommendation = recommendation;
        Skip = skip;
        Evidence = evidence;
    }

    /// <summary>The resource.</summary>
    public ResourceRef Resource { get; }

    /// <summary>The recommendation, when there is one.</summary>
    public Recommendation? Recommendation { get; }

    /// <summary>Why there is none, when there is none.</summary>
    public SkipReason? Skip { get; }

    /// <summary>The numbers looked at.</summary>
    public IReadOnlyList<EvidenceItem> Evidence { get; }

    /// <summary>True when <see cref="Recommendation"/> is set.</summary>
    public bool IsRecommendation => Recommendation is not null;

    /// <summary>An advice that recommends a change.</summary>
    public static Advice Recommend(Recommendation recommendation)
    {
        ArgumentNullException.ThrowIfNull(recommendation);
        return new(recommendation.Resource, recommendation, null, recommendation.Evidence);
    }

    /// <summary>An advice that changes nothing, and says why.</summary>
    public static Advice NoChange(ResourceRef resource, SkipReason reason, IReadOnlyList<EvidenceItem>? evidence = null)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(reason);
        return new(resource, null, reason, evidence ?? []);
    }
}
