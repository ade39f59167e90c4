using System.Runtime.CompilerServices;
using Optimize.Changes;
using Optimize.Journal;

namespace Optimize.Hosting;

/// <summary>
/// A journal that runs a one-time initialization (for the Table Storage journal: creating its tables) before its first
/// read or write, instead of at host start: the Function host must start without a network call. The initialization
/// runs once per process; concurrent first calls share it; a failed attempt (journal unavailable) is retried by the next
/// call rather than cached.
/// </summary>
public sealed class InitializingJournal : IJournal
{
    private readonly IJournal _inner;
    private readonly Func<CancellationToken, Task> _initialize;
    private readonly Lock _gate = new();
    private Task? _initialized;

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    /// <param name="inner">The journal every call goes to.</param>
    /// <param name="initialize">Runs once before the first call (e.g. <c>TableJournal.CreateTablesIfNotExistsAsync</c>).</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public InitializingJournal(IJournal inner, Func<CancellationToken, Task> initialize)
    {
        _inner = inner ?? throw new ArgumentNullException(nameof(inner));
        _initialize = initialize ?? throw new ArgumentNullException(nameof(initialize));
    }

    /// <inheritdoc />
    public string Description => _inner.Description;

    /// <summary>Runs the initialization if it has not succeeded yet; later calls return at once.</summary>
    /// <exception cref="JournalUnavailableException">The initialization failed (the next call tries again).</exception>
    public async Task EnsureInitializedAsync(CancellationToken cancellationToken = default)
    {
        Task attempt;
        lock (_gate)
        {
            if (_initialized is { IsCompletedSuccessfully: true })
            {
                return;
            }

            if (_initialized is null || _initialized.IsFaulted || _initialized.IsCanceled)
            {
                // The shared attempt is not tied to one caller's token: a cancelled request must not fail the others.
                _initialized = _initialize(CancellationToken.None);
            }

            attempt = _initialized;
        }

        await attempt.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task RecordPassAsync(PassRecord pass, CancellationToken cancellationToken = default)
    {
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        await _inner.RecordPassAsync(pass, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task RecordDecisionsAsync(IReadOnlyList<DecisionRecord> decisions, CancellationToken cancellationToken = default)
    {
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        await _inner.RecordDecisionsAsync(decisions, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<ChangeRecord> CreateAsync(ChangeRecord change, CancellationToken cancellationToken = default)
    {
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        return await _inner.CreateAsync(change, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<ChangeRecord> UpdateAsync(ChangeRecord change, CancellationToken cancellationToken = default)
    {
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        return await _inner.UpdateAsync(change, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<ChangeEvent> AppendAsync(ChangeEvent changeEvent, CancellationToken cancellationToken = default)
    {
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        return await _inner.AppendAsync(changeEvent, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<ChangeRecord?> GetAsync(string changeId, CancellationToken cancellationToken = default)
    {
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        return await _inner.GetAsync(changeId, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<ChangeRecord?> GetLatestForResourceAsync(string resourceId, CancellationToken cancellationToken = default)
    {
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        return await _inner.GetLatestForResourceAsync(resourceId, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<int> PurgeAsync(DateTimeOffset olderThan, CancellationToken cancellationToken = default)
    {
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        return await _inner.PurgeAsync(olderThan, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<ChangeRecord> ListActiveAsync(CancellationToken cancellationToken = default) =>
        AfterInitAsync(_inner.ListActiveAsync, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<PassRecord> ListPassesAsync(HistoryQuery query, CancellationToken cancellationToken = default) =>
        AfterInitAsync(ct => _inner.ListPassesAsync(query, ct), cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<DecisionRecord> ListDecisionsAsync(HistoryQuery query, CancellationToken cancellationToken = default) =>
        AfterInitAsync(ct => _inner.ListDecisionsAsync(query, ct), cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<ChangeRecord> ListChangesAsync(HistoryQuery query, CancellationToken cancellationToken = default) =>
        AfterInitAsync(ct => _inner.ListChangesAsync(query, ct), cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<ChangeEvent> ListEventsAsync(string changeId, CancellationToken cancellationToken = default) =>
        AfterInitAsync(ct => _inner.ListEventsAsync(changeId, ct), cancellationToken);

    private async IAsyncEnumerable<T> AfterInitAsync<T>(Func<CancellationToken, IAsyncEnumerable<T>> list, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var item in list(cancellationToken).ConfigureAwait(false))
        {
            yield return item;
        }
    }
}
