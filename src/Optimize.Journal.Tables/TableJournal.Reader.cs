using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using Optimize.Changes;
using Optimize.Journal.Tables.Entities;
using Optimize.Journal.Tables.Keys;
using Optimize.Journal.Tables.Store;

namespace Optimize.Journal.Tables;

public sealed partial class TableJournal
{
    /// <inheritdoc />
    /// <remarks>Newest first by start time; <see cref="HistoryQuery.ResourceId"/> does not apply to passes.</remarks>
    public async IAsyncEnumerable<PassRecord> ListPassesAsync(HistoryQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var count = 0;
        await foreach (var entity in QueryPassRowsAsync(query, cancellationToken).ConfigureAwait(false))
        {
            if (count++ >= query.Limit)
            {
                yield break;
            }

            yield return PassEntities.FromEntity(entity);
        }
    }

    /// <inheritdoc />
    /// <remarks>By pass: that pass's decisions (ordered by resource key). By resource: a point read in each pass,
    /// newest pass first (passes are few, so this costs one read per pass since <see cref="HistoryQuery.Since"/>).
    /// Neither: the decisions of the newest passes.</remarks>
    public async IAsyncEnumerable<DecisionRecord> ListDecisionsAsync(HistoryQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var count = 0;
        if (query.PassId is not null)
        {
            await foreach (var d in DecisionsOfPassAsync(query.PassId, query.ResourceId, cancellationToken).ConfigureAwait(false))
            {
                if (count++ >= query.Limit)
                {
                    yield break;
                }

                yield return d;
            }

            yield break;
        }

        await foreach (var pass in QueryPassRowsAsync(query with { PassId = null }, cancellationToken).ConfigureAwait(false))
        {
            await foreach (var d in DecisionsOfPassAsync(pass.GetString("PassId"), query.ResourceId, cancellationToken).ConfigureAwait(false))
            {
                if (count++ >= query.Limit)
                {
                    yield break;
                }

                yield return d;
            }
        }
    }

    /// <inheritdoc />
    /// <remarks>Newest first by creation time. By resource: one range query on the resource's partition. By pass:
    /// the pass index. Otherwise the day index, newest day first, back to <see cref="HistoryQuery.Since"/>.</remarks>
    public async IAsyncEnumerable<ChangeRecord> ListChangesAsync(HistoryQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var count = 0;
        await foreach (var change in ChangesUnlimitedAsync(query, cancellationToken).ConfigureAwait(false))
        {
            if ((query.Since is { } since && change.CreatedAt < since)
                || (query.PassId is not null && !string.Equals(change.Plan.PassId, query.PassId, StringComparison.Ordinal))
                || (query.ResourceId is not null && !string.Equals(change.Plan.Resource.Id, query.ResourceId, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            if (count++ >= query.Limit)
            {
                yield break;
            }

            yield return change;
        }
    }

    private async IAsyncEnumerable<ChangeRecord> ChangesUnlimitedAsync(HistoryQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (query.ResourceId is not null)
        {
            var partition = JournalKeys.ResourcePartition(query.ResourceId);
            var filter = query.Since is { } since
                ? TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey lt {JournalKeys.InvertedUpperBound(since)}")
                : TableClient.CreateQueryFilter($"PartitionKey eq {partition}");
            await foreach (var e in StoreCall.QueryAsync(changes, filter, $"list changes of {query.ResourceId}", null, cancellationToken).ConfigureAwait(false))
            {
                yield return ChangeEntities.FromEntity(e);
            }

            yield break;
        }

        if (query.PassId is not null)
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {JournalKeys.PassIndexPartition(query.PassId)}");
            var found = new List<ChangeRecord>();
            await foreach (var pointer in StoreCall.QueryAsync(changes, filter, $"list changes of pass {query.PassId}", null, cancellationToken).ConfigureAwait(false))
            {
                if (await ResolveAsync(pointer, cancellationToken).ConfigureAwait(false) is { } change)
                {
                    found.Add(change);
                }
            }

            foreach (var change in found.OrderByDescending(c => c.CreatedAt))
            {
                yield return change;
            }

            yield break;
        }

        var upper = query.Since is { } from ? JournalKeys.DayBoundary(from) : JournalKeys.DayUpperBound;
        var dayFilter = TableClient.CreateQueryFilter($"PartitionKey ge {JournalKeys.DayPrefix} and PartitionKey lt {upper}");
        await foreach (var pointer in StoreCall.QueryAsync(changes, dayFilter, "list changes by day", null, cancellationToken).ConfigureAwait(false))
        {
            if (await ResolveAsync(pointer, cancellationToken).ConfigureAwait(false) is { } change)
            {
                yield return change;
            }
        }
    }

    private IAsyncEnumerable<TableEntity> QueryPassRowsAsync(HistoryQuery query, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {JournalKeys.PassPartition}");
        if (query.Since is { } since)
        {
            filter += " and " + TableClient.CreateQueryFilter($"RowKey lt {JournalKeys.InvertedUpperBound(since)}");
        }

        if (query.PassId is not null)
        {
            filter += " and " + TableClient.CreateQueryFilter($"PassId eq {query.PassId}");
        }

        return StoreCall.QueryAsync(passes, filter, "list passes", null, cancellationToken);
    }

    private async IAsyncEnumerable<DecisionRecord> DecisionsOfPassAsync(string passId, string? resourceId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var partition = KeyEncoding.ForId(passId);
        if (resourceId is not null)
        {
            var one = await GetIfExistsAsync(decisions, partition, KeyEncoding.ForResource(resourceId), cancellationToken).ConfigureAwait(false);
            if (one is not null)
            {
                yield return DecisionEntities.FromEntity(one);
            }

            yield break;
        }

        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition}");
        await foreach (var e in StoreCall.QueryAsync(decisions, filter, $"list decisions of pass {passId}", null, cancellationToken).ConfigureAwait(false))
        {
            yield return DecisionEntities.FromEntity(e);
        }
    }
}
