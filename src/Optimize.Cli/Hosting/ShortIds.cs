using Optimize.Journal;

namespace Optimize.Cli.Hosting;

/// <summary>
/// Turns what a person typed for <c>--resource</c> or <c>--pass</c> into the one full id it means. Tables show
/// <c>rg/name</c>, shortened ones <c>rg-sh…/name</c>, and pass ids are long: any of these, a resource's bare name, or
/// a pass id's unique prefix is accepted. An ambiguous one, or one that matches nothing, is bad input (exit 2), never a
/// silent empty answer.
/// </summary>
internal static class ShortIds
{
    /// <summary>What was typed and what it resolved to (both null when the option was not given).</summary>
    public sealed record Resolved(string? Typed, string? Id);

    /// <summary>Resolves an option's value; on an error prints it (the caller exits 2).</summary>
    public static async Task<Resolved> ResolveAsync(
        CliContext cli, IJournalReader journal, string? typed, Func<IJournalReader, string, CancellationToken, Task<Resolution>> resolve, CancellationToken ct)
    {
        if (typed is null)
        {
            return new Resolved(null, null);
        }

        var resolution = await resolve(journal, typed, ct);
        if (resolution.Error is { } error)
        {
            cli.Consoles.Error(error);
        }

        return new Resolved(typed, resolution.Id);
    }

    /// <summary>At most this many candidates are listed for an ambiguous id.</summary>
    public const int ListedCandidates = 10;

    /// <summary>The outcome: the full id, or the message to print (exit 2).</summary>
    public sealed record Resolution(string? Id, string? Error);

    /// <summary>
    /// Resolves a resource. A full ARM id (starting <c>/subscriptions/</c>) is taken as it is; anything else is matched
    /// against the resources of the journal's changes and of its latest pass's decisions.
    /// </summary>
    public static async Task<Resolution> ResourceAsync(IJournalReader journal, string typed, CancellationToken ct)
    {
        if (typed.StartsWith("/subscriptions/", StringComparison.OrdinalIgnoreCase))
        {
            return new Resolution(typed, null);
        }

        var known = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await foreach (var c in journal.ListChangesAsync(new HistoryQuery(Limit: int.MaxValue), ct))
        {
            known.Add(c.Resource.Id);
        }

        await foreach (var p in journal.ListPassesAsync(new HistoryQuery(Limit: 1), ct))
        {
            await foreach (var d in journal.ListDecisionsAsync(new HistoryQuery(PassId: p.PassId, Limit: int.MaxValue), ct))
            {
                known.Add(d.ResourceId);
            }
        }

        var matches = known.Where(id => ResourceMatches(id, typed)).Order(StringComparer.Ordinal).ToList();
        return Decide("--resource", typed, matches, "any resource in the journal's changes or its latest pass; give the full ARM id, rg/name, or the name");
    }

    /// <summary>Resolves a pass id from a unique prefix (or a table's shortened form).</summary>
    public static async Task<Resolution> PassAsync(IJournalReader journal, string typed, CancellationToken ct)
    {
        var known = new List<string>();
        await foreach (var p in journal.ListPassesAsync(new HistoryQuery(Limit: int.MaxValue), ct))
        {
            known.Add(p.PassId);
        }

        if (known.Contains(typed, StringComparer.OrdinalIgnoreCase))
        {
            return new Resolution(known.First(k => string.Equals(k, typed, StringComparison.OrdinalIgnoreCase)), null);
        }

        var matches = known.Where(id => Ellipsis(typed) is { } e ? Around(id, e) : id.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
            .Distinct().Order(StringComparer.Ordinal).ToList();
        return Decide("--pass", typed, matches, "any pass in the journal; give the pass id or a prefix of it (optimize history lists them)");
    }

    /// <summary>True when <paramref name="typed"/> names <paramref name="id"/>: the whole id, rg/name, the name, or a shortened form.</summary>
    internal static bool ResourceMatches(string id, string typed)
    {
        if (string.Equals(id, typed, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var parts = id.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var name = parts.Length > 0 ? parts[^1] : id;
        var shortId = parts.Length >= 8 ? $"{parts[3]}/{name}" : id;
        return Ellipsis(typed) is { } e
            ? Around(shortId, e) || Around(id, e)
            : string.Equals(shortId, typed, StringComparison.OrdinalIgnoreCase) || string.Equals(name, typed, StringComparison.OrdinalIgnoreCase);
    }

    private static (string Head, string Tail)? Ellipsis(string typed)
    {
        var at = typed.IndexOf('…', StringComparison.Ordinal);
        var width = 1;
        if (at < 0)
        {
            at = typed.IndexOf("...", StringComparison.Ordinal);
            width = 3;
        }

        return at < 0 ? null : (typed[..at], typed[(at + width)..]);
    }

    private static bool Around(string id, (string Head, string Tail) e) =>
        id.Length >= e.Head.Length + e.Tail.Length
        && id.StartsWith(e.Head, StringComparison.OrdinalIgnoreCase)
        && id.EndsWith(e.Tail, StringComparison.OrdinalIgnoreCase);

    private static Resolution Decide(string option, string typed, List<string> matches, string scope) => matches.Count switch
    {
        1 => new Resolution(matches[0], null),
        0 => new Resolution(null, $"{option} '{typed}' does not match {scope}."),
        _ => new Resolution(null,
            $"{option} '{typed}' is ambiguous: it matches {matches.Count} ids; give one of them whole:" + Environment.NewLine +
            string.Join(Environment.NewLine, matches.Take(ListedCandidates).Select(m => "  " + m)) +
            (matches.Count > ListedCandidates ? Environment.NewLine + $"  … and {matches.Count - ListedCandidates} more" : "")),
    };
}
