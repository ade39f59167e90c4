using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using Optimize.Changes;
using Optimize.Journal.Tables.Entities;
using Optimize.Journal.Tables.Keys;
using Optimize.Journal.Tables.Store;

namespace Optimize.Journal.Tables;

public sealed partial class TableJournal
{
    /// <inheritdoc />
    /// <remarks>Writes the id pointer first (its insert is the duplicate check), then the pass, day and active index
    /// rows, then the main row (its AddEntity decides between racing creators). A crash midway leaves pointers to a
    /// missing main row, which readers skip and a retried create of the same record completes.</remarks>
    /// <exception cref="ArgumentException">The record is invalid (ids disagree, too large).</exception>
    public async Task<ChangeRecord> CreateAsync(ChangeRecord change, CancellationToken cancellationToken = default)
    {
        var entity = Validated(change);
        var what = $"create change {change.ChangeId}";
        var idPointer = ChangeEntities.Pointer(JournalKeys.IdPartition(change.ChangeId), JournalKeys.PointerRow, change);
        await StoreCall.RunAsync(what, async () =>
        {
            try
            {
                await changes.AddEntityAsync(idPointer, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                // Debris of a crashed create of this very record (same main row, never written) is repaired by
                // carrying on: the main row's AddEntity below still lets only one creator win. Anything else conflicts.
                var existing = await GetPointerAsync(idPointer.PartitionKey, idPointer.RowKey, cancellationToken).ConfigureAwait(false);
                if (existing is null
                    || ChangeEntities.Target(existing) != ChangeEntities.Target(idPointer)
                    || await ResolveAsync(existing, cancellationToken).ConfigureAwait(false) is not null)
                {
                    throw new JournalConflictException($"Change {change.ChangeId} already exists.", ex);
                }
            }
        }, cancellationToken).ConfigureAwait(false);

        await UpsertAsync(ChangeEntities.Pointer(JournalKeys.PassIndexPartition(change.Plan.PassId), KeyEncoding.ForId(change.ChangeId), change), what, cancellationToken).ConfigureAwait(false);
        await UpsertAsync(ChangeEntities.Pointer(JournalKeys.DayPartition(change.CreatedAt), entity.RowKey, change), what, cancellationToken).ConfigureAwait(false);
        if (change.State.IsActive())
        {
            await UpsertAsync(ChangeEntities.Pointer(JournalKeys.ActivePartition, entity.RowKey, change), what, cancellationToken).ConfigureAwait(false);
        }

        var response = await StoreCall.RunAsync(what, () => changes.AddEntityAsync(entity, cancellationToken), cancellationToken).ConfigureAwait(false);
        return TableRowSizes.Fitted(change) with { ETag = response.Headers.ETag?.ToString() };
    }

    /// <inheritdoc />
    /// <remarks>The change's resource and <see cref="ChangeRecord.CreatedAt"/> locate its row and cannot change.
    /// An active state (re-)enters the active index before the row is replaced, so a crash after the replace can never
    /// leave an active change unlisted (an alert revert moves Promoted → RollingBack: it must be found again); a pointer
    /// left by a failed replace points at a terminal row, which <see cref="ListActiveAsync"/> never lists. A terminal
    /// state leaves the index after the replace.</remarks>
    /// <exception cref="ArgumentException">The record has no ETag, or is invalid.</exception>
    public async Task<ChangeRecord> UpdateAsync(ChangeRecord change, CancellationToken cancellationToken = default)
    {
        var entity = Validated(change);
        var etag = ChangeEntities.ETagOf(change);
        var what = $"update change {change.ChangeId} to {change.State}";
        if (change.State.IsActive())
        {
            // ForETag names the row version this update replaces: ListActiveAsync keeps such a pointer while that
            // version (terminal) is still stored, since the replace may be in flight.
            var pointer = ChangeEntities.Pointer(JournalKeys.ActivePartition, entity.RowKey, change);
            pointer[ChangeEntities.ForETagProperty] = change.ETag;
            await UpsertAsync(pointer, what, cancellationToken).ConfigureAwait(false);
        }

        var response = await StoreCall.RunAsync(what, async () =>
        {
            try
            {
                return await changes.UpdateEntityAsync(entity, etag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException ex) when (StoreCall.IsNotFound(ex))
            {
                throw new JournalConflictException($"Change {change.ChangeId} (created {change.CreatedAt:O} on {change.Plan.Resource.Id}) is not in the journal; create it first, and never change its resource or creation time.", ex);
            }
        }, cancellationToken).ConfigureAwait(false);

        var newETag = response.Headers.ETag?.ToString();
        if (change.State.IsTerminal())
        {
            var pointer = await GetPointerAsync(JournalKeys.ActivePartition, entity.RowKey, cancellationToken).ConfigureAwait(false);
            if (pointer is not null && !ChangeEntities.IsForVersion(pointer, newETag))
            {
                // Not a pointer a later update (of the version just written) put back: remove exactly the row read.
                await DeleteIfUnchangedAsync(pointer, what, cancellationToken).ConfigureAwait(false);
            }
        }

        return TableRowSizes.Fitted(change) with { ETag = newETag };
    }

    /// <inheritdoc />
    /// <exception cref="JournalUnavailableException">The store stayed unavailable after retries.</exception>
    public async Task<ChangeRecord?> GetAsync(string changeId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(changeId);
        var pointer = await GetPointerAsync(JournalKeys.IdPartition(changeId), JournalKeys.PointerRow, cancellationToken).ConfigureAwait(false);
        return await ResolveAsync(pointer, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>Newest first. An index row whose change is terminal (a crash between the update and the index
    /// delete) is skipped and removed, unless an update of that very row version wrote it (its replace may be in flight).</remarks>
    public async IAsyncEnumerable<ChangeRecord> ListActiveAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {JournalKeys.ActivePartition}");
        await foreach (var pointer in StoreCall.QueryAsync(changes, filter, "list active changes", null, cancellationToken).ConfigureAwait(false))
        {
            var change = await ResolveAsync(pointer, cancellationToken).ConfigureAwait(false);
            if (change is null)
            {
                continue;
            }

            if (change.State.IsTerminal())
            {
                // A pointer put there by an update of this very version may be ahead of its replace: keep it.
                if (!ChangeEntities.IsForVersion(pointer, change.ETag))
                {
                    await DeleteIfUnchangedAsync(pointer, "repair the active index", cancellationToken).ConfigureAwait(false);
                }

                continue;
            }

            yield return change;
        }
    }

    /// <inheritdoc />
    public async Task<ChangeRecord?> GetLatestForResourceAsync(string resourceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(resourceId);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {JournalKeys.ResourcePartition(resourceId)}");
        await foreach (var entity in StoreCall.QueryAsync(changes, filter, $"read the latest change of {resourceId}", 1, cancellationToken).ConfigureAwait(false))
        {
            return ChangeEntities.FromEntity(entity);
        }

        return null;
    }

    private static TableEntity Validated(ChangeRecord change)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentException.ThrowIfNullOrWhiteSpace(change.ChangeId, nameof(change));
        ArgumentNullException.ThrowIfNull(change.Plan, nameof(change));
        if (!string.Equals(change.ChangeId, change.Plan.ChangeId, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Change id {change.ChangeId} differs from its plan's {change.Plan.ChangeId}.", nameof(change));
        }

        return ChangeEntities.ToEntity(change);
    }

    private Task<TableEntity?> GetPointerAsync(string partitionKey, string rowKey, CancellationToken cancellationToken) =>
        GetIfExistsAsync(changes, partitionKey, rowKey, cancellationToken);

    private async Task<ChangeRecord?> ResolveAsync(TableEntity? pointer, CancellationToken cancellationToken)
    {
        if (pointer is null)
        {
            return null;
        }

        var (partition, row) = ChangeEntities.Target(pointer);
        var main = await GetIfExistsAsync(changes, partition, row, cancellationToken).ConfigureAwait(false);
        return main is null ? null : ChangeEntities.FromEntity(main);
    }

    private static async Task<TableEntity?> GetIfExistsAsync(TableClient table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        var response = await StoreCall.RunAsync(
            $"read {table.Name} {partitionKey}/{rowKey}",
            () => table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken),
            cancellationToken).ConfigureAwait(false);
        return response.HasValue ? response.Value : null;
    }

    private Task UpsertAsync(TableEntity entity, string what, CancellationToken cancellationToken) =>
        StoreCall.RunAsync(what, () => changes.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken), cancellationToken);

    /// <summary>Deletes <paramref name="row"/> if it is still the version read (If-Match): a pointer rewritten since stays.</summary>
    private async Task DeleteIfUnchangedAsync(TableEntity row, string what, CancellationToken cancellationToken)
    {
        await StoreCall.RunAsync(what, async () =>
        {
            try
            {
                await changes.DeleteEntityAsync(row.PartitionKey, row.RowKey, row.ETag, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 412)
            {
                // Gone already, or rewritten by a later update: either way not ours to delete.
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes a row if present; true when it was there.</summary>
    private static async Task<bool> DeleteIfExistsAsync(TableClient table, string partitionKey, string rowKey, string what, CancellationToken cancellationToken)
    {
        var response = await StoreCall.RunAsync(what, () => table.DeleteEntityAsync(partitionKey, rowKey, ETag.All, cancellationToken), cancellationToken).ConfigureAwait(false);
        return response.Status != 404;
    }
}
