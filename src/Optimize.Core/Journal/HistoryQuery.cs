namespace Optimize.Journal;

/// <summary>A filter over the journal's history; every part optional.</summary>
/// <param name="ResourceId">Only this resource.</param>
/// <param name="PassId">Only this pass.</param>
/// <param name="Since">Only entries at or after this time.</param>
/// <param name="Limit">At most this many rows (newest first).</param>
public sealed record HistoryQuery(string? ResourceId = null, string? PassId = null, DateTimeOffset? Since = null, int Limit = 200);
