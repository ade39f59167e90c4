using Azure.Data.Tables;
using Optimize.Journal.Tables.Entities;
using Optimize.Journal.Tables.Store;

namespace Optimize.Journal.Tables;

public sealed partial class TableJournal
{
    /// <summary>Largest payload of one transaction Optimize sends, bytes: 3 MiB of entities, leaving room for the
    /// multipart envelope under the service's <see cref="TableStoreLimits.MaxBatchBytes"/> (4 MiB).</summary>
    internal const long MaxBatchBytes = TableStoreLimits.MaxBatchBytes * 3L / 4;

    /// <inheritdoc />
    public Task RecordPassAsync(PassRecord pass, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pass);
        ArgumentException.ThrowIfNullOrWhiteSpace(pass.PassId, nameof(pass));
        var entity = PassEntities.ToEntity(pass);
        return StoreCall.RunAsync($"record pass {pass.PassId}", () => passes.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>Every decision is validated and serialized before anything is written: bad input writes nothing.
    /// Decisions of one pass go in transactions of at most <see cref="MaxBatch"/> rows (and 3 MiB); each transaction
    /// is atomic, the whole call is not. Re-recording a decision replaces it.</remarks>
    /// <exception cref="ArgumentException">A decision is invalid, too large, or listed twice for the same pass and resource.</exception>
    public async Task RecordDecisionsAsync(IReadOnlyList<DecisionRecord> decisions, CancellationToken cancellationToken = default)
    {
        foreach (var batch in PlanDecisionBatches(decisions))
        {
            var actions = batch.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)).ToList();
            await StoreCall.RunAsync(
                $"record {actions.Count} decisions of pass {batch[0].GetString("PassId")}",
                () => this.decisions.SubmitTransactionAsync(actions, cancellationToken),
                cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Serializes and groups decisions into transactions: same partition (pass), ≤ 100 rows, ≤ 3 MiB.</summary>
    internal static List<List<TableEntity>> PlanDecisionBatches(IReadOnlyList<DecisionRecord> decisions)
    {
        ArgumentNullException.ThrowIfNull(decisions);
        var byPass = new Dictionary<string, List<(TableEntity Entity, long Size)>>(StringComparer.Ordinal);
        var seen = new HashSet<(string, string)>();
        foreach (var decision in decisions)
        {
            ArgumentNullException.ThrowIfNull(decision, nameof(decisions));
            ArgumentException.ThrowIfNullOrWhiteSpace(decision.PassId, nameof(decisions));
            ArgumentException.ThrowIfNullOrWhiteSpace(decision.ResourceId, nameof(decisions));
            var entity = DecisionEntities.ToEntity(decision);
            if (!seen.Add((entity.PartitionKey, entity.RowKey)))
            {
                throw new ArgumentException($"Pass {decision.PassId} lists {decision.ResourceId} twice; record one decision per resource.", nameof(decisions));
            }

            if (!byPass.TryGetValue(entity.PartitionKey, out var list))
            {
                byPass[entity.PartitionKey] = list = [];
            }

            list.Add((entity, EntitySize.Of(entity)));
        }

        var batches = new List<List<TableEntity>>();
        foreach (var list in byPass.Values)
        {
            var current = new List<TableEntity>();
            long bytes = 0;
            foreach (var (entity, size) in list)
            {
                if (current.Count == MaxBatch || (current.Count > 0 && bytes + size > MaxBatchBytes))
                {
                    batches.Add(current);
                    current = [];
                    bytes = 0;
                }

                current.Add(entity);
                bytes += size;
            }

            if (current.Count > 0)
            {
                batches.Add(current);
            }
        }

        return batches;
    }
}
