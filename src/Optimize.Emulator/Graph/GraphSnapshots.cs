using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Optimize.Emulator.Graph;

/// <summary>
/// The matching rows of a paged query, kept from its first page for the pages its <c>$skipToken</c>s fetch. Our model (the
/// contract does not say whether Resource Graph pages a snapshot): a listing paged by token is consistent, and each page
/// costs its own rows rather than every row of the fleet again (which made a 10,000-resource inventory quadratic). At most
/// <see cref="Capacity"/> snapshots are kept, the oldest dropped first; a token whose snapshot is gone is served by
/// recomputing the rows. Thread-safe.
/// </summary>
internal sealed class GraphSnapshots
{
    /// <summary>Snapshots kept at once.</summary>
    public const int Capacity = 16;

    private readonly ConcurrentDictionary<string, IReadOnlyList<JsonObject>> _rows = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();
    private long _next;

    /// <summary>Keeps <paramref name="rows"/> and returns its id.</summary>
    public string Keep(IReadOnlyList<JsonObject> rows)
    {
        var id = Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture);
        _rows[id] = rows;
        _order.Enqueue(id);
        while (_order.Count > Capacity && _order.TryDequeue(out var oldest))
        {
            _rows.TryRemove(oldest, out _);
        }

        return id;
    }

    /// <summary>The rows kept under <paramref name="id"/>, or null when they were dropped.</summary>
    public IReadOnlyList<JsonObject>? Find(string? id) => id is not null && _rows.TryGetValue(id, out var rows) ? rows : null;
}
