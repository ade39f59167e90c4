using Microsoft.Extensions.Logging;
using Optimize.Changes;
using Optimize.Guards;
using Optimize.Model;
using Optimize.Ports;
using Optimize.Workflow.Activities;

namespace Optimize.Workflow;

/// <summary>
/// The steps both change workflows share, over one workflow context: journal a step, read and apply the
/// configuration (activity exceptions turned into failures as data), and the verified rollback. Deterministic:
/// time comes only from the context.
/// </summary>
internal sealed class ChangeRun
{
    /// <summary>Rollback applies tried before verifying.</summary>
    public const int RollbackAttempts = 3;

    private readonly IWorkflowContext _context;
    private readonly ILogger _log;

    public ChangeRun(IWorkflowContext context, string changeId, ResourceRef resource, int stageCount)
    {
        _context = context;
        ChangeId = changeId;
        Resource = resource;
        StageCount = stageCount;
        _log = context.CreateReplaySafeLogger("Optimize.Workflow." + context.InstanceId);
    }

    public IWorkflowContext Context => _context;

    public string ChangeId { get; }

    public ResourceRef Resource { get; }

    public int StageCount { get; }

    /// <summary>The rollback target, once captured.</summary>
    public ResourceConfig? Captured { get; set; }

    /// <summary>Pre-change guard statistics, once measured.</summary>
    public GuardBaseline? Baseline { get; set; }

    /// <summary>When the first stage was applied (alerts fired before it are not the change's).</summary>
    public DateTimeOffset? ChangeStartedAt { get; set; }

    /// <summary>Stages promoted so far.</summary>
    public int StagesCompleted { get; set; }

    /// <summary>The configuration last read back after an apply.</summary>
    public ResourceConfig? LastObserved { get; set; }

    /// <summary>How reads, the baseline and journal steps are retried (from the plan).</summary>
    public WorkflowRetry Retry { get; init; } = WorkflowRetry.Default;

    /// <summary>Workflow time.</summary>
    public DateTimeOffset Now => new(DateTime.SpecifyKind(_context.CurrentUtcDateTime, DateTimeKind.Utc));

    /// <summary>"stage 2/3" for 0-based <paramref name="index"/>.</summary>
    public string Label(int index) => $"stage {index + 1}/{StageCount}";

    /// <summary>Journals a step (before acting on it), publishes the status and logs it. A journal that refuses the step
    /// is retried on durable timers (<see cref="Retry"/>); when it still refuses, the exception ends the workflow and the
    /// recovery sweep finishes or rolls the change back from what the journal holds.</summary>
    public async Task RecordAsync(string step, int stage, ChangeState state, string message, VerdictKind? verdict = null, ResourceConfig? captured = null)
    {
        // One input for every attempt: the step keeps the time it happened, and a repeated step is recognised.
        var input = new JournalStepInput(ChangeId, step, stage, state, message, Now, verdict, captured);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _context.CallActivityAsync<ChangeEvent>(ActivityNames.RecordStep, input);
                break;
            }
            catch (WorkflowActivityException ex) when (Retry.Allows(attempt))
            {
                await WaitAsync("journal step " + step, attempt, ex.Message);
            }
        }

        _context.SetCustomStatus(new ChangeProgress(ChangeId, stage, StageCount, state, step, message));
        _log.WorkflowStep(ChangeId, Resource.Id, step, state.ToString(), message);
    }

    /// <summary>Reads the configuration, retrying on durable timers while the read fails transiently
    /// (<see cref="WorkflowRetry.IsTransient"/>) or, when <paramref name="expected"/> is given, still shows something else
    /// (ARM can serve the old configuration for a while); a final failure says how many attempts were made.</summary>
    public async Task<ConfigurationRead> ReadWithRetryAsync(string what, ResourceConfig? expected = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            var read = await ReadAsync();
            var done = read.Config is { } found ? expected is null || AutoscaledCapacity.Matches(Resource, found, expected) : !WorkflowRetry.IsTransient(read.Failure);
            if (done)
            {
                return read;
            }

            if (!Retry.Allows(attempt))
            {
                return attempt == 1 || read.Failure is null ? read : read with { Failure = read.Failure with { Message = $"{read.Failure.Message} (after {attempt} attempts)" } };
            }

            await WaitAsync(what, attempt, read.Failure?.ToString() ?? $"read back {read.Config?.Describe()}");
        }
    }

    /// <summary>Waits on a durable timer before the next attempt of <paramref name="what"/>.</summary>
    public async Task WaitAsync(string what, int attempt, string error)
    {
        var delay = Retry.DelayAfter(attempt);
        _log.WorkflowRetrying(ChangeId, what, attempt, delay, error);
        await _context.CreateTimer((Now + delay).UtcDateTime, CancellationToken.None);
    }

    /// <summary>Reads the configuration; an activity exception becomes a failed read.</summary>
    public async Task<ConfigurationRead> ReadAsync()
    {
        try
        {
            return await _context.CallActivityAsync<ConfigurationRead>(ActivityNames.CaptureConfiguration, Resource);
        }
        catch (WorkflowActivityException ex)
        {
            return ConfigurationRead.Fail(ChangeFailureKinds.Unexpected, ex.Message);
        }
    }

    /// <summary>Applies a configuration; an activity exception becomes a failed apply.</summary>
    public async Task<ApplyResult> ApplyAsync(ResourceConfig target, bool allowDeallocation)
    {
        try
        {
            return await _context.CallActivityAsync<ApplyResult>(
                ActivityNames.ApplyConfiguration, new ApplyInput(ChangeId, Resource, target, allowDeallocation));
        }
        catch (WorkflowActivityException ex)
        {
            return ApplyResult.Fail(ChangeFailureKinds.Unexpected, ex.Message);
        }
    }

    /// <summary>
    /// Restores <see cref="Captured"/>: state RollingBack, apply (up to <see cref="RollbackAttempts"/> times with a
    /// durable-timer backoff), read back and compare. Verified → RolledBack; otherwise RollbackFailed with an
    /// escalate step naming what was expected and found.
    /// </summary>
    public async Task<RollbackResult> RollBackAsync(int stage, string reason, bool allowDeallocation, string verb = "rolled back")
    {
        var target = Captured ?? throw new InvalidOperationException("Nothing captured to roll back to.");
        await RecordAsync(ChangeSteps.Rollback, stage, ChangeState.RollingBack, $"rolling back to {target.Describe()}: {reason}");
        for (var attempt = 1; attempt <= RollbackAttempts; attempt++)
        {
            var applied = await ApplyAsync(target, allowDeallocation);
            if (applied.Succeeded)
            {
                break;
            }

            await RecordAsync(ChangeSteps.Rollback, stage, ChangeState.RollingBack, $"rollback attempt {attempt}/{RollbackAttempts} failed: {applied.Failure}");
            if (attempt < RollbackAttempts)
            {
                await WaitAsync("rollback", attempt, applied.Failure?.ToString() ?? "apply failed");
            }
        }

        var read = await ReadWithRetryAsync("rollback verification", expected: target);

        if (read.Config is { } found && AutoscaledCapacity.Matches(Resource, found, target))
        {
            var message = $"{verb}: {reason}";
            await RecordAsync(ChangeSteps.Rollback, stage, ChangeState.RolledBack, message);
            return new RollbackResult(ChangeState.RolledBack, found, message);
        }

        var seen = read.Config?.Describe() ?? $"nothing readable ({read.Failure})";
        var escalation = $"rollback did not verify: expected {target.Describe()}, found {seen} (after: {reason})";
        await RecordAsync(ChangeSteps.Escalate, stage, ChangeState.RollbackFailed, escalation);
        return new RollbackResult(ChangeState.RollbackFailed, read.Config, escalation);
    }
}
