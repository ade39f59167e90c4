using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Optimize.Engine;
using Optimize.Journal;
using Optimize.Policy;
using Optimize.Ports;
using Optimize.Workflow.Hosting;
using Optimize.Workflow;

namespace Optimize.Hosting;

/// <summary>
/// What the nightly timer (and a manual start) does: a pass over the configured scope, one staged-change workflow per
/// planned change, then the journal's retention purge.
/// </summary>
public sealed class NightlyService
{
    private readonly PassScheduler _scheduler;
    private readonly IJournalRetention _retention;
    private readonly OptimizePolicy _policy;
    private readonly InventoryScope _scope;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates the service for one policy and scope.</summary>
    public NightlyService(PassScheduler scheduler, IJournalRetention retention, OptimizePolicy policy, InventoryScope scope, TimeProvider time, ILogger<NightlyService>? logger = null)
    {
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _scheduler = scheduler;
        _retention = retention;
        _policy = policy;
        _scope = scope;
        _time = time;
    }

    /// <summary>Runs the pass, starts its changes, purges entries older than the policy's retention.</summary>
    /// <returns>200 with a summary, or 503 when the journal is unavailable (no change was started).</returns>
    public async Task<ApiResult> RunAsync(string trigger, IWorkflowHost host, CancellationToken cancellationToken = default)
    {
        var (result, _) = await RunPassAsync(trigger, host, null, cancellationToken);
        return result;
    }

    /// <summary>As <see cref="RunAsync"/> for a timer: a pass that did not complete throws <see cref="PassFailedException"/>,
    /// so the host records a failed execution and Functions' failure alerts fire.</summary>
    /// <exception cref="PassFailedException">The journal was unavailable; nothing was started.</exception>
    public async Task<ApiResult> RunOrThrowAsync(string trigger, IWorkflowHost host, CancellationToken cancellationToken = default)
    {
        var result = await RunAsync(trigger, host, cancellationToken);
        return result.StatusCode is >= 200 and < 300
            ? result
            : throw new PassFailedException($"The {trigger} pass failed ({result.StatusCode}): {(result.Body as ApiError)?.Error}");
    }

    /// <summary>As <see cref="RunAsync"/>, also returning the scheduled pass (null when it failed).</summary>
    public async Task<(ApiResult Result, ScheduledPass? Pass)> RunPassAsync(
        string trigger, IWorkflowHost host, IProgress<PassProgress>? progress, CancellationToken cancellationToken = default)
    {
        ScheduledPass scheduled;
        try
        {
            scheduled = await _scheduler.RunAsync(new PassRequest(trigger, _policy, _scope), host, progress, cancellationToken);
        }
        catch (JournalUnavailableException ex)
        {
            HostingLog.PassFailed(_logger, trigger, "the journal is unavailable, no change was started: " + ex.Message);
            return (new ApiResult(503, new ApiError("The journal is unavailable, so no change was started: " + ex.Message)), null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            HostingLog.PassFailed(_logger, trigger, ex.Message);
            throw;
        }

        var purged = await _retention.PurgeAsync(_time.GetUtcNow() - _policy.Retention.KeepFor, cancellationToken);
        var pass = scheduled.Result.Pass;
        HostingLog.PassSummary(
            _logger,
            pass.PassId,
            trigger,
            pass.Status,
            pass.ResourcesAnalyzed,
            pass.ChangesPlanned,
            scheduled.Started.Count,
            pass.Skipped,
            scheduled.NotStarted.Count,
            scheduled.NotStarted.Count == 0 ? "none" : string.Join(", ", scheduled.NotStarted));
        return (ApiResult.Ok(new
        {
            pass.PassId,
            pass.Status,
            pass.ResourcesAnalyzed,
            pass.Recommendations,
            changesStarted = scheduled.Started.Count,
            changesNotStarted = scheduled.NotStarted.Count,
            pass.Skipped,
            pass.EstimatedMonthlySavings,
            pass.Currency,
            journalEntriesPurged = purged,
        }), scheduled);
    }
}

/// <summary>A scheduled pass did not complete; the message says why.</summary>
public sealed class PassFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PassFailedException()
        : base("The pass failed.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public PassFailedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public PassFailedException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
