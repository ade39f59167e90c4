using Azure.Data.Tables;
using Optimize.Journal.Tables.Store;

namespace Optimize.Journal.Tables;

/// <summary>
/// The journal on Azure Table Storage (or Azurite). Four tables (names prefixed by <see cref="TableJournalOptions.TablePrefix"/>):
/// <list type="bullet">
/// <item><c>Passes</c>: PK <c>pass</c>, RK inverted start ticks + pass id (newest first).</item>
/// <item><c>Decisions</c>: PK pass id, RK encoded resource id; written in transactions of at most 100.</item>
/// <item><c>Changes</c>: main rows PK <c>r~{encoded resource id}</c>, RK inverted creation ticks + change id (a
/// resource's history newest first), and pointer rows: <c>id~{change}</c>, <c>p~{pass}</c>, <c>d~{inverted day}~{day}</c>,
/// <c>active</c>.</item>
/// <item><c>ChangeEvents</c>: PK change id, RK sequence (19 digits), plus a head row holding the last sequence.</item>
/// </list>
/// Thread-safe. Failures: <see cref="JournalUnavailableException"/> when the store stays down after the client's
/// retries, <see cref="JournalConflictException"/> on ETag mismatch or duplicate create.
/// </summary>
public sealed partial class TableJournal : IJournal
{
    /// <summary>Most operations Table Storage accepts in one transaction (<see cref="TableStoreLimits.MaxBatchOperations"/>).</summary>
    public const int MaxBatch = TableStoreLimits.MaxBatchOperations;

    private readonly TableServiceClient service;
    private readonly TableJournalOptions options;
    private readonly TimeProvider time;
    private readonly TableClient passes;
    private readonly TableClient decisions;
    private readonly TableClient changes;
    private readonly TableClient events;

    /// <summary>A journal over <paramref name="service"/>; see <see cref="TableJournalFactory"/> for the usual ways to build one.</summary>
    /// <param name="service">The account's table service client (its options carry the retry policy).</param>
    /// <param name="options">Table prefix and limits; defaults when null.</param>
    /// <param name="timeProvider">Clock for "today" in history queries; system clock when null.</param>
    /// <exception cref="ArgumentException">Invalid options.</exception>
    public TableJournal(TableServiceClient service, TableJournalOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(service);
        this.service = service;
        this.options = (options ?? new TableJournalOptions()).Validate();
        time = timeProvider ?? TimeProvider.System;
        passes = service.GetTableClient(this.options.PassesTable);
        decisions = service.GetTableClient(this.options.DecisionsTable);
        changes = service.GetTableClient(this.options.ChangesTable);
        events = service.GetTableClient(this.options.EventsTable);
    }

    /// <summary>The options in use.</summary>
    public TableJournalOptions Options => options;

    /// <inheritdoc />
    public string Description => $"Azure Table Storage at {service.Uri} (tables {options.TablePrefix}*)";

    /// <summary>Names of the four tables.</summary>
    public IReadOnlyList<string> TableNames => [options.PassesTable, options.DecisionsTable, options.ChangesTable, options.EventsTable];

    /// <summary>Creates the four tables when absent (idempotent).</summary>
    /// <exception cref="JournalUnavailableException">The store stayed unavailable after retries.</exception>
    public async Task CreateTablesIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        foreach (var name in TableNames)
        {
            await StoreCall.RunAsync($"create table {name}", () => service.CreateTableIfNotExistsAsync(name, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Deletes the four tables and everything in them (tests, resets).</summary>
    /// <exception cref="JournalUnavailableException">The store stayed unavailable after retries.</exception>
    public async Task DeleteTablesAsync(CancellationToken cancellationToken = default)
    {
        foreach (var name in TableNames)
        {
            await StoreCall.RunAsync($"delete table {name}", () => service.DeleteTableAsync(name, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
    }
}
