using Microsoft.Extensions.Logging;
using Optimize.Changes;
using Optimize.Engine;
using Optimize.Journal;
using Optimize.Workflow.Hosting;
using Optimize.Workflow;

namespace Optimize.Hosting;

/// <summary>
/// Runs a pass and starts one staged-change workflow per planned change, with the resource's deterministic instance id,
/// skipping resources whose workflow is still running (single flight, checked against the host as well as the journal).
/// </summary>
public sealed class PassScheduler
{
    private readonly OptimizationPass _pass;
    private readonly IChangeJournal _changes;
    private readonly TimeProvider _time;
    private readonly ILogger<PassScheduler> _logger;

    /// <summary>Creates the scheduler.</summary>
    public PassScheduler(OptimizationPass pass, IChangeJournal changes, TimeProvider time, ILogger<PassScheduler> logger)
    {
        _pass = pass;
        _changes = changes;
        _time = time;
        _logger = logger;
    }

    /// <summary>Runs the pass and starts its changes on <paramref name="host"/>.</summary>
    /// <returns>The pass result and what was started or skipped.</returns>
    public async Task<ScheduledPass> RunAsync(PassRequest request, IWorkflowHost host, IProgress<PassProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(host);
        var result = await _pass.RunAsync(request, progress, cancellationToken);
        var started = new List<string>();
        var notStarted = new List<string>();
        foreach (var plan in result.Plans)
        {
            var instanceId = InstanceIds.ForChange(plan.Resource.Id);
            var state = await host.GetStateAsync(instanceId, cancellationToken);
            if (state is { IsActive: true })
            {
                await AbortAsync(plan.ChangeId, $"not started: workflow {instanceId} for this resource is still {state.Status}", cancellationToken);
                notStarted.Add(plan.ChangeId);
                continue;
            }

            try
            {
                await host.StartAsync(WorkflowNames.StagedChange, instanceId, plan, cancellationToken);
                started.Add(plan.ChangeId);
                HostingLog.ChangeStarted(_logger, plan.ChangeId, plan.Resource.Id, instanceId);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Already running, or the host failed: either way nothing was applied, so the journaled plan is aborted
                // with the host's reason instead of being left Planned for recovery to pick up later.
                await AbortAsync(plan.ChangeId, "not started: " + ex.Message, cancellationToken);
                notStarted.Add(plan.ChangeId);
            }
        }

        return new ScheduledPass(result, started, notStarted);
    }

    private async Task AbortAsync(string changeId, string reason, CancellationToken ct)
    {
        // A terminal step: the event first, then the row (the journal's repair order, docs/journal.md), so a failure between
        // leaves a Planned row whose last event is the abort, which recovery completes instead of starting the change. A store
        // failure here is logged, not thrown: nothing was applied, and the pass's other changes still start.
        try
        {
            var change = await _changes.GetAsync(changeId, ct);
            if (change is null || change.State.IsTerminal())
            {
                return;
            }

            var now = _time.GetUtcNow();
            await _changes.AppendAsync(new ChangeEvent(changeId, 0, now, ChangeSteps.Abort, -1, reason, null, ChangeState.Aborted), ct);
            await _changes.UpdateAsync(change with { State = ChangeState.Aborted, UpdatedAt = now, Outcome = reason }, ct);
            HostingLog.ChangeNotStarted(_logger, changeId, reason);
        }
        catch (JournalUnavailableException ex)
        {
            HostingLog.AbortNotJournaled(_logger, changeId, reason + "; " + ex.Message);
        }
    }
}

/// <summary>A pass and the workflows it started.</summary>
/// <param name="Result">The pass.</param>
/// <param name="Started">Change ids whose workflow started.</param>
/// <param name="NotStarted">Change ids aborted because their resource's workflow was still running.</param>
public sealed record ScheduledPass(PassResult Result, IReadOnlyList<string> Started, IReadOnlyList<string> NotStarted);
