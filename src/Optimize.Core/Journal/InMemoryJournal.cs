using System.Globalization;
using System.Runtime.CompilerServices;
using Optimize.Changes;

namespace Optimize.Journal;

/// <summary>
/// The journal in memory: thread-safe, with the semantics of the Table Storage journal (a new ETag on every write,
/// <see cref="JournalConflictException"/> on an ETag mismatch or a duplicate create, a strictly increasing event
/// sequence per change, newest-first queries) and its limits (<see cref="TableStoreLimits"/>: ids whose keys would
/// exceed 1 KiB are refused, free text over 32K characters is stored truncated with a marker, rows over 1 MiB are
/// refused), so tests over memory fail where the store would. Used by tests and as the demo's fallback; nothing
/// survives the process.
/// </summary>
public sealed class InMemoryJournal : IJournal
{
    /// <inheritdoc />
    public string Description => "in memory (this process only)";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, PassRecord> _passes = new(StringComparer.Ordinal);
    private readonly Dictionary<(string PassId, string ResourceId), (long Order, DecisionRecord Decision)> _decisions = [];
    private readonly Dictionary<string, (long Order, ChangeRecord Change)> _changes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<ChangeEvent>> _events = new(StringComparer.Ordinal);
    private long _version;

    /// <inheritdoc />
    public Task RecordPassAsync(PassRecord pass, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pass);
        ArgumentException.ThrowIfNullOrWhiteSpace(pass.PassId, nameof(pass));
        TableRowSizes.Pass(pass);
        lock (_gate)
        {
            _passes[pass.PassId] = TableRowSizes.Fitted(pass);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task RecordDecisionsAsync(IReadOnlyList<DecisionRecord> decisions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(decisions);
        foreach (var d in decisions)
        {
            ArgumentNullException.ThrowIfNull(d, nameof(decisions));
            ArgumentException.ThrowIfNullOrWhiteSpace(d.PassId, nameof(decisions));
            ArgumentException.ThrowIfNullOrWhiteSpace(d.ResourceId, nameof(decisions));
            TableStoreLimits.CheckEntityBytes(TableRowSizes.Decision(d), $"The decision of pass {d.PassId} for {d.ResourceId}");
        }

        if (decisions.GroupBy(d => (d.PassId, d.ResourceId.ToLowerInvariant())).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new ArgumentException($"Pass {twice.Key.PassId} lists {twice.First().ResourceId} twice; record one decision per resource.", nameof(decisions));
        }

        lock (_gate)
        {
            foreach (var d in decisions)
            {
                _decisions[(d.PassId, d.ResourceId.ToLowerInvariant())] = (++_version, TableRowSizes.Fitted(d));
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<ChangeRecord> CreateAsync(ChangeRecord change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentException.ThrowIfNullOrWhiteSpace(change.ChangeId, nameof(change));
        change = Checked(change);
        lock (_gate)
        {
            if (_changes.ContainsKey(change.ChangeId))
            {
                throw new JournalConflictException($"Change '{change.ChangeId}' already exists.");
            }

            var order = ++_version;
            var stored = change with { ETag = NewETag(order) };
            _changes[change.ChangeId] = (order, stored);
            return Task.FromResult(stored);
        }
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The record carries no ETag (it was never read from the journal).</exception>
    public Task<ChangeRecord> UpdateAsync(ChangeRecord change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.ETag is null)
        {
            throw new ArgumentException($"Change '{change.ChangeId}' has no ETag: update the record read from the journal.", nameof(change));
        }

        change = Checked(change);

        lock (_gate)
        {
            if (!_changes.TryGetValue(change.ChangeId, out var current))
            {
                throw new JournalConflictException($"Change '{change.ChangeId}' does not exist.");
            }

            if (!string.Equals(current.Change.ETag, change.ETag, StringComparison.Ordinal))
            {
                throw new JournalConflictException(
                    $"Change '{change.ChangeId}' was updated by someone else (ETag {change.ETag}, stored {current.Change.ETag}).");
            }

            var stored = change with { ETag = NewETag(++_version) };
            _changes[change.ChangeId] = (current.Order, stored);
            return Task.FromResult(stored);
        }
    }

    /// <inheritdoc />
    public Task<ChangeEvent> AppendAsync(ChangeEvent changeEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changeEvent);
        ArgumentException.ThrowIfNullOrWhiteSpace(changeEvent.ChangeId, nameof(changeEvent));
        ArgumentException.ThrowIfNullOrWhiteSpace(changeEvent.Step, nameof(changeEvent));
        TableStoreLimits.CheckEntityBytes(TableRowSizes.Event(changeEvent), $"Event of change {changeEvent.ChangeId}");
        changeEvent = TableRowSizes.Fitted(changeEvent);
        lock (_gate)
        {
            if (!_events.TryGetValue(changeEvent.ChangeId, out var list))
            {
                list = [];
                _events[changeEvent.ChangeId] = list;
            }

            var stored = changeEvent with { Sequence = list.Count == 0 ? 1 : list[^1].Sequence + 1 };
            list.Add(stored);
            return Task.FromResult(stored);
        }
    }

    /// <inheritdoc />
    public Task<ChangeRecord?> GetAsync(string changeId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(changeId);
        TableKeys.ForId(changeId);
        lock (_gate)
        {
            return Task.FromResult(_changes.TryGetValue(changeId, out var c) ? c.Change : null);
        }
    }

    /// <inheritdoc />
    public IAsyncEnumerable<ChangeRecord> ListActiveAsync(CancellationToken cancellationToken = default) =>
        Snapshot(() => ChangesNewestFirst().Where(c => c.State.IsActive()).ToList(), cancellationToken);

    /// <inheritdoc />
    public Task<ChangeRecord?> GetLatestForResourceAsync(string resourceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(resourceId);
        TableKeys.ForResource(resourceId);
        lock (_gate)
        {
            return Task.FromResult(ChangesNewestFirst().FirstOrDefault(c => SameResource(c.Resource.Id, resourceId)));
        }
    }

    /// <inheritdoc />
    public IAsyncEnumerable<PassRecord> ListPassesAsync(HistoryQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return Snapshot(
            () =>
            {
                var touched = query.ResourceId is null
                    ? null
                    : _decisions.Values.Where(d => SameResource(d.Decision.ResourceId, query.ResourceId)).Select(d => d.Decision.PassId).ToHashSet(StringComparer.Ordinal);
                return _passes.Values
                    .Where(p => query.PassId is null || p.PassId == query.PassId)
                    .Where(p => query.Since is null || p.StartedAt >= query.Since)
                    .Where(p => touched is null || touched.Contains(p.PassId))
                    .OrderByDescending(p => p.StartedAt)
                    .ThenByDescending(p => p.PassId, StringComparer.Ordinal)
                    .Take(query.Limit)
                    .ToList();
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<DecisionRecord> ListDecisionsAsync(HistoryQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return Snapshot(
            () => _decisions.Values
                .Where(d => query.PassId is null || d.Decision.PassId == query.PassId)
                .Where(d => query.ResourceId is null || SameResource(d.Decision.ResourceId, query.ResourceId))
                .Where(d => query.Since is null || (_passes.TryGetValue(d.Decision.PassId, out var p) && p.StartedAt >= query.Since))
                .OrderByDescending(d => _passes.TryGetValue(d.Decision.PassId, out var p) ? p.StartedAt : DateTimeOffset.MinValue)
                .ThenByDescending(d => d.Order)
                .Select(d => d.Decision)
                .Take(query.Limit)
                .ToList(),
            cancellationToken);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<ChangeRecord> ListChangesAsync(HistoryQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return Snapshot(
            () => ChangesNewestFirst()
                .Where(c => query.ResourceId is null || SameResource(c.Resource.Id, query.ResourceId))
                .Where(c => query.PassId is null || c.Plan.PassId == query.PassId)
                .Where(c => query.Since is null || c.UpdatedAt >= query.Since)
                .Take(query.Limit)
                .ToList(),
            cancellationToken);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<ChangeEvent> ListEventsAsync(string changeId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(changeId);
        TableKeys.ForId(changeId);
        return Snapshot(() => _events.TryGetValue(changeId, out var list) ? list.ToList() : [], cancellationToken);
    }

    /// <inheritdoc />
    public Task<int> PurgeAsync(DateTimeOffset olderThan, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var deleted = 0;
            var oldPasses = _passes.Values.Where(p => p.StartedAt < olderThan).Select(p => p.PassId).ToHashSet(StringComparer.Ordinal);
            foreach (var key in _decisions.Keys.Where(k => oldPasses.Contains(k.PassId)).ToList())
            {
                deleted += _decisions.Remove(key) ? 1 : 0;
            }

            foreach (var id in oldPasses)
            {
                deleted += _passes.Remove(id) ? 1 : 0;
            }

            var oldChanges = _changes.Values
                .Where(c => c.Change.State.IsTerminal() && c.Change.UpdatedAt < olderThan)
                .Select(c => c.Change.ChangeId)
                .ToList();
            foreach (var id in oldChanges)
            {
                _changes.Remove(id);
                deleted++;
                if (_events.Remove(id, out var events))
                {
                    deleted += events.Count;
                }
            }

            return Task.FromResult(deleted);
        }
    }

    /// <summary>Refuses what the store would (keys, 1 MiB) and fits free text, before anything is stored.</summary>
    private static ChangeRecord Checked(ChangeRecord change)
    {
        ArgumentNullException.ThrowIfNull(change.Plan, nameof(change));
        if (!string.Equals(change.ChangeId, change.Plan.ChangeId, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Change id {change.ChangeId} differs from its plan's {change.Plan.ChangeId}.", nameof(change));
        }

        TableStoreLimits.CheckEntityBytes(TableRowSizes.Change(change), $"Change {change.ChangeId}");
        return TableRowSizes.Fitted(change);
    }

    private static string NewETag(long version) => "W/\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";

    private static bool SameResource(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private IEnumerable<ChangeRecord> ChangesNewestFirst() =>
        _changes.Values.OrderByDescending(c => c.Change.CreatedAt).ThenByDescending(c => c.Order).Select(c => c.Change);

    private async IAsyncEnumerable<T> Snapshot<T>(Func<List<T>> read, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        List<T> items;
        lock (_gate)
        {
            items = read();
        }

        foreach (var item in items)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return item;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }
}
