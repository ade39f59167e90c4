using System.Globalization;
using System.Text;
using Optimize.Changes;
using Optimize.Journal;

namespace Optimize.Hosting;

/// <summary>The query of <c>GET /api/changes</c>, as raw query-string values (each optional).</summary>
public sealed record ChangeListRequest
{
    /// <summary>Comma-separated kebab-case states (<c>awaiting-approval</c>, <c>rolled-back</c>…); none means every state.</summary>
    public string? State { get; init; }

    /// <summary>A full ARM resource id (<c>/subscriptions/…/providers/…</c>).</summary>
    public string? Resource { get; init; }

    /// <summary>ISO 8601 time: only changes the journal lists at or after it.</summary>
    public string? Since { get; init; }

    /// <summary>At most this many changes, 1 to <see cref="ApprovalService.MaxListLimit"/>; default <see cref="ApprovalService.DefaultListLimit"/>.</summary>
    public string? Limit { get; init; }

    /// <summary>Query parameters the endpoint does not know (refused, so a typo never widens the answer).</summary>
    public IReadOnlyList<string> Unknown { get; init; } = [];
}

/// <summary>One row of <c>GET /api/changes</c>.</summary>
/// <param name="ChangeId">The change.</param>
/// <param name="State">Its state, kebab-case.</param>
/// <param name="ResourceId">The full ARM id of the resource.</param>
/// <param name="PassId">The pass that planned it.</param>
/// <param name="From">The configuration before.</param>
/// <param name="To">The final target.</param>
/// <param name="EstimatedMonthlySavings">Estimated saving per month.</param>
/// <param name="Currency">Currency of the saving.</param>
/// <param name="Rationale">Why it was planned.</param>
/// <param name="Outcome">The journaled outcome so far.</param>
/// <param name="CreatedAt">When it was planned.</param>
/// <param name="UpdatedAt">When its record last changed.</param>
/// <param name="ExpiresAt">For a change awaiting approval: when the request times out (and is rejected); null when the policy keeps
/// waiting (<c>approval.onTimeout: keepWaiting</c>: a timeout only journals a reminder).</param>
/// <param name="Approve">For a change awaiting approval: the path to approve it.</param>
/// <param name="Reject">For a change awaiting approval: the path to reject it.</param>
public sealed record ChangeSummary(
    string ChangeId,
    string State,
    string ResourceId,
    string PassId,
    string From,
    string To,
    decimal EstimatedMonthlySavings,
    string Currency,
    string Rationale,
    string Outcome,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ExpiresAt,
    string? Approve,
    string? Reject);

/// <summary>The listing side of the approval service: what waits for approval, and any other state.</summary>
public sealed partial class ApprovalService
{
    /// <summary>The page size when <c>limit</c> is not given.</summary>
    public const int DefaultListLimit = 50;

    /// <summary>The largest <c>limit</c> accepted.</summary>
    public const int MaxListLimit = 500;

    /// <summary>The query parameters <c>GET /api/changes</c> knows (<c>code</c> is the function key the host reads).</summary>
    public static readonly IReadOnlyList<string> ListParameters = ["state", "resource", "since", "limit", "code"];

    private static readonly IReadOnlyDictionary<string, ChangeState> StatesByName =
        Enum.GetValues<ChangeState>().ToDictionary(Kebab, s => s, StringComparer.OrdinalIgnoreCase);

    /// <summary>The kebab-case name of a state: <c>AwaitingApproval</c> → <c>awaiting-approval</c>.</summary>
    public static string Kebab(ChangeState state)
    {
        var name = state.ToString();
        var text = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && text.Length > 0)
            {
                text.Append('-');
            }

            text.Append(char.ToLowerInvariant(c));
        }

        return text.ToString();
    }

    /// <summary>
    /// Lists changes from the journal, newest first, filtered by state, resource and time. 400 with what is wrong for an
    /// unknown parameter or state, a short or overlong resource id, a time that is not ISO 8601, or a limit outside 1–500.
    /// </summary>
    public async Task<ApiResult> ListAsync(ChangeListRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (query, states, error) = Parse(request);
        if (error is not null)
        {
            return ApiResult.BadRequest(error);
        }

        // The journal filters by resource and time; state is filtered here, so the journal is read (page by page, lazily)
        // until the limit is reached rather than limited first.
        var changes = new List<ChangeSummary>();
        // One more than the limit without a state filter, so a full page says whether more exist.
        var journalQuery = query with { Limit = states.Count == 0 ? query.Limit + 1 : int.MaxValue };
        var truncated = false;
        await foreach (var change in _reader.ListChangesAsync(journalQuery, cancellationToken))
        {
            if (states.Count > 0 && !states.Contains(change.State))
            {
                continue;
            }

            if (changes.Count == query.Limit)
            {
                truncated = true;
                break;
            }

            changes.Add(await SummarizeAsync(change, cancellationToken));
        }

        return ApiResult.Ok(new { count = changes.Count, truncated, changes });
    }

    private static (HistoryQuery Query, HashSet<ChangeState> States, string? Error) Parse(ChangeListRequest request)
    {
        var states = new HashSet<ChangeState>();
        static (HistoryQuery, HashSet<ChangeState>, string?) Bad(string message) => (new HistoryQuery(), [], message);

        if (request.Unknown.Count > 0)
        {
            return Bad($"Unknown query parameter(s): {string.Join(", ", request.Unknown)}. Known: {string.Join(", ", ListParameters.Take(4))}.");
        }

        foreach (var name in (request.State ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!StatesByName.TryGetValue(name, out var state))
            {
                return Bad($"Unknown state '{name}'. States: {string.Join(", ", StatesByName.Keys)} (comma-separated for several).");
            }

            states.Add(state);
        }

        var resource = string.IsNullOrWhiteSpace(request.Resource) ? null : request.Resource.Trim();
        if (resource is not null)
        {
            if (!resource.StartsWith("/subscriptions/", StringComparison.OrdinalIgnoreCase)
                || !resource.Contains("/providers/", StringComparison.OrdinalIgnoreCase))
            {
                return Bad($"'resource' must be a full ARM id (/subscriptions/<id>/resourceGroups/<group>/providers/<type>/<name>), not '{Short(resource)}'.");
            }

            try
            {
                TableKeys.ForResource(resource);
            }
            catch (ArgumentException ex)
            {
                return Bad($"'resource' is too long for the journal: {ex.Message}");
            }
        }

        DateTimeOffset? since = null;
        if (!string.IsNullOrWhiteSpace(request.Since))
        {
            var text = request.Since.Trim();
            if (text.Length < 10 || text[4] != '-' || text[7] != '-'
                || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
            {
                return Bad($"'since' must be an ISO 8601 time such as 2026-03-02T02:00:00Z, not '{Short(text)}'.");
            }

            since = parsed;
        }

        var limit = DefaultListLimit;
        if (!string.IsNullOrWhiteSpace(request.Limit)
            && (!int.TryParse(request.Limit.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > MaxListLimit))
        {
            return Bad($"'limit' must be a whole number from 1 to {MaxListLimit}, not '{Short(request.Limit)}'.");
        }

        return (new HistoryQuery(ResourceId: resource, Since: since, Limit: limit), states, null);
    }

    private async Task<ChangeSummary> SummarizeAsync(ChangeRecord change, CancellationToken cancellationToken)
    {
        DateTimeOffset? expires = null;
        string? approve = null, reject = null;
        if (change.State == ChangeState.AwaitingApproval)
        {
            // Same rule as the approval-needed notification: the request started when the gate journaled it.
            var asked = change.UpdatedAt;
            await foreach (var e in _reader.ListEventsAsync(change.ChangeId, cancellationToken))
            {
                if (e.Step == ChangeSteps.Approval && e.State == ChangeState.AwaitingApproval)
                {
                    asked = e.At;
                }
            }

            expires = change.Plan.KeepWaitingForApproval ? null : asked + change.Plan.ApprovalTimeout;
            var path = $"/api/changes/{Uri.EscapeDataString(change.ChangeId)}";
            (approve, reject) = ($"{path}/approve", $"{path}/reject");
        }

        return new ChangeSummary(
            change.ChangeId,
            Kebab(change.State),
            change.Resource.Id,
            change.Plan.PassId,
            change.Plan.Baseline.Describe(),
            change.Plan.FinalTarget.Describe(),
            change.Plan.EstimatedMonthlySavings,
            change.Plan.Currency,
            change.Plan.Rationale,
            change.Outcome,
            change.CreatedAt,
            change.UpdatedAt,
            expires,
            approve,
            reject);
    }

    private static string Short(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
