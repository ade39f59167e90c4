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
    /// <remarks>
    /// One transaction in the change's partition moves the head row's <c>LastSequence</c> from n to n + 1 (ETag
    /// checked; inserted for the first event) and inserts event n + 1. Concurrent appenders lose the ETag race and
    /// retry with the new head, so sequences have neither gaps nor duplicates.
    /// </remarks>
    /// <exception cref="JournalConflictException">Still losing the race after <see cref="TableJournalOptions.MaxAppendAttempts"/> attempts.</exception>
    public async Task<ChangeEvent> AppendAsync(ChangeEvent changeEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changeEvent);
        ArgumentException.ThrowIfNullOrWhiteSpace(changeEvent.ChangeId, nameof(changeEvent));
        ArgumentException.ThrowIfNullOrWhiteSpace(changeEvent.Step, nameof(changeEvent));
        var partition = KeyEncoding.ForId(changeEvent.ChangeId);
        var what = $"append a {changeEvent.Step} event to change {changeEvent.ChangeId}";
        EventEntities.ToEntity(changeEvent, 1); // validates size before any write

        for (var attempt = 1; attempt <= options.MaxAppendAttempts; attempt++)
        {
            var head = await GetIfExistsAsync(events, partition, JournalKeys.EventsHeadRow, cancellationToken).ConfigureAwait(false);
            var next = (head?.GetInt64("LastSequence") ?? 0) + 1;
            var newHead = new TableEntity(partition, JournalKeys.EventsHeadRow) { ["LastSequence"] = next, ["ChangeId"] = changeEvent.ChangeId };
            TableTransactionAction[] actions =
            [
                head is null
                    ? new TableTransactionAction(TableTransactionActionType.Add, newHead)
                    : new TableTransactionAction(TableTransactionActionType.UpdateReplace, newHead, head.ETag),
                new TableTransactionAction(TableTransactionActionType.Add, EventEntities.ToEntity(changeEvent, next)),
            ];
            var won = await StoreCall.RunAsync(what, async () =>
            {
                try
                {
                    await events.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
                    return true;
                }
                catch (RequestFailedException ex) when (StoreCall.IsConflict(ex))
                {
                    return false;
                }
            }, cancellationToken).ConfigureAwait(false);
            if (won)
            {
                return TableRowSizes.Fitted(changeEvent) with { Sequence = next };
            }
        }

        throw new JournalConflictException($"Could not {what}: lost the sequence race {options.MaxAppendAttempts} times.");
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChangeEvent> ListEventsAsync(string changeId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(changeId);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {KeyEncoding.ForId(changeId)} and RowKey lt {JournalKeys.EventsUpperBound}");
        await foreach (var entity in StoreCall.QueryAsync(events, filter, $"list events of change {changeId}", null, cancellationToken).ConfigureAwait(false))
        {
            yield return EventEntities.FromEntity(entity);
        }
    }
}
