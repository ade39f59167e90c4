using Azure.Data.Tables;
using Optimize.Changes;
using Optimize.Journal.Tables.Entities;
using Optimize.Journal.Tables.Keys;
using Optimize.Journal.Tables.Store;

namespace Optimize.Journal.Tables;

public sealed partial class TableJournal
{
    /// <inheritdoc />
    /// <remarks>
    /// Passes that started before <paramref name="olderThan"/> go with all their decisions. Changes created on a day
    /// before <paramref name="olderThan"/>'s day whose state is terminal and whose last update is older go with their
    /// events and index rows. A change that is not terminal is never touched. Counts every row deleted, index rows and event head rows included.
    /// </remarks>
    /// <exception cref="JournalUnavailableException">The store stayed unavailable after retries.</exception>
    public async Task<int> PurgeAsync(DateTimeOffset olderThan, CancellationToken cancellationToken = default)
    {
        var deleted = 0;
        var oldPasses = TableClient.CreateQueryFilter(
            $"PartitionKey eq {JournalKeys.PassPartition} and RowKey ge {JournalKeys.InvertedUpperBound(olderThan)}");
        var passRows = await ToListAsync(StoreCall.QueryAsync(passes, oldPasses, "list old passes", null, cancellationToken)).ConfigureAwait(false);
        foreach (var pass in passRows)
        {
            deleted += await DeletePartitionAsync(decisions, KeyEncoding.ForId(pass.GetString("PassId")), cancellationToken).ConfigureAwait(false);
            deleted += await DeleteIfExistsAsync(passes, pass.PartitionKey, pass.RowKey, "purge a pass", cancellationToken).ConfigureAwait(false) ? 1 : 0;
        }

        // Day partitions of olderThan's day and older sort at or above the boundary of the next day.
        var dayFilter = TableClient.CreateQueryFilter(
            $"PartitionKey ge {JournalKeys.DayBoundary(olderThan.AddDays(1))} and PartitionKey lt {JournalKeys.DayUpperBound}");
        var pointers = await ToListAsync(StoreCall.QueryAsync(changes, dayFilter, "list old changes", null, cancellationToken)).ConfigureAwait(false);
        foreach (var pointer in pointers)
        {
            var change = await ResolveAsync(pointer, cancellationToken).ConfigureAwait(false);
            if (change is not null && (!change.State.IsTerminal() || change.UpdatedAt >= olderThan || change.CreatedAt >= olderThan))
            {
                continue;
            }

            if (change is not null)
            {
                deleted += await DeletePartitionAsync(events, KeyEncoding.ForId(change.ChangeId), cancellationToken).ConfigureAwait(false);
                var row = ChangeEntities.MainRow(change);
                foreach (var (pk, rk) in new[]
                {
                    (JournalKeys.IdPartition(change.ChangeId), JournalKeys.PointerRow),
                    (JournalKeys.PassIndexPartition(change.Plan.PassId), KeyEncoding.ForId(change.ChangeId)),
                    (JournalKeys.ActivePartition, row),
                    (ChangeEntities.MainPartition(change), row),
                })
                {
                    deleted += await DeleteIfExistsAsync(changes, pk, rk, "purge a change", cancellationToken).ConfigureAwait(false) ? 1 : 0;
                }
            }

            // The day pointer goes too (a pointer to a missing main row is debris of a crashed create).
            deleted += await DeleteIfExistsAsync(changes, pointer.PartitionKey, pointer.RowKey, "purge a change", cancellationToken).ConfigureAwait(false) ? 1 : 0;
        }

        return deleted;
    }

    /// <summary>Deletes every row of a partition in transactions of up to 100; returns how many.</summary>
    private static async Task<int> DeletePartitionAsync(TableClient table, string partitionKey, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}");
        var rows = await ToListAsync(StoreCall.QueryAsync(table, filter, $"list {table.Name} {partitionKey}", null, cancellationToken)).ConfigureAwait(false);
        foreach (var chunk in rows.Chunk(MaxBatch))
        {
            var actions = chunk.Select(e => new TableTransactionAction(TableTransactionActionType.Delete, e, Azure.ETag.All)).ToList();
            await StoreCall.RunAsync($"purge {table.Name} {partitionKey}", () => table.SubmitTransactionAsync(actions, cancellationToken), cancellationToken).ConfigureAwait(false);
        }

        return rows.Count;
    }

    private static async Task<List<TableEntity>> ToListAsync(IAsyncEnumerable<TableEntity> source)
    {
        var list = new List<TableEntity>();
        await foreach (var e in source.ConfigureAwait(false))
        {
            list.Add(e);
        }

        return list;
    }
}
