using System.Globalization;
using Microsoft.Extensions.Logging;
using Optimize.Changes;
using Optimize.Journal;
using Optimize.Model;
using Optimize.Ports;

namespace Optimize.Workflow.Activities;

/// <summary>
/// The activities of the change workflows: one method per <see cref="ActivityNames"/> entry. All I/O of a change
/// happens here. Activities run at least once: each is idempotent or harmless when repeated.
/// </summary>
public sealed partial class ChangeActivities
{
    private const int JournalAttempts = 5;
    private readonly IConfigurationClient _configuration;
    private readonly IMetricsReader _metrics;
    private readonly IChangeJournal _journal;
    private readonly TimeProvider _time;
    private readonly ILogger<ChangeActivities> _logger;

    /// <summary>Creates the activities over the ports.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public ChangeActivities(IConfigurationClient configuration, IMetricsReader metrics, IChangeJournal journal, TimeProvider time, ILogger<ChangeActivities> logger)
    {
        _configuration = configuration ?? throw new ArgumentNullException(nameof(configuration));
        _metrics = metrics ?? throw new ArgumentNullException(nameof(metrics));
        _journal = journal ?? throw new ArgumentNullException(nameof(journal));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary><see cref="ActivityNames.CaptureConfiguration"/>: reads the resource's configuration; failures come back as data.</summary>
    public async Task<ConfigurationRead> CaptureConfigurationAsync(ResourceRef resource, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var read = await _configuration.ReadAsync(resource, ct).ConfigureAwait(false);
        if (read.Failure is { } failure)
        {
            _logger.CaptureFailed(resource.Id, failure.ToString());
        }

        return read;
    }

    /// <summary><see cref="ActivityNames.ApplyConfiguration"/>: writes the target and reads it back (idempotent).</summary>
    public async Task<ApplyResult> ApplyConfigurationAsync(ApplyInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        _logger.Applying(input.ChangeId, input.Resource.Id, input.Target.Describe());
        var result = await _configuration.ApplyAsync(input.Resource, input.Target, input.AllowDeallocation, ct).ConfigureAwait(false);
        if (result.Failure is { } failure)
        {
            _logger.ApplyFailed(input.ChangeId, input.Resource.Id, failure.ToString());
        }

        return result;
    }

    /// <summary><see cref="ActivityNames.RecordStep"/>: moves the change (ETag, re-read and retry on conflict) and appends
    /// the step unless the same step is already the last one (at-least-once delivery). The row and its event live in
    /// different tables, so their order is chosen for repair: a step into an active state writes the row first (an
    /// active row is always found by recovery, even if its event is lost); a step into a terminal state appends its
    /// event first, so a crash before the row leaves the row active and <c>RecoveryService</c> completes it from the
    /// event: no terminal event is ever lost.</summary>
    /// <exception cref="InvalidOperationException">The change is not in the journal, or conflicts outlasted the retries.</exception>
    public async Task<ChangeEvent> RecordStepAsync(JournalStepInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.State.IsTerminal())
        {
            var stored = await AppendStepOnceAsync(input, ct).ConfigureAwait(false);
            await UpdateRowAsync(input, ct).ConfigureAwait(false);
            return stored;
        }

        await UpdateRowAsync(input, ct).ConfigureAwait(false);
        return await AppendStepOnceAsync(input, ct).ConfigureAwait(false);
    }

    private async Task UpdateRowAsync(JournalStepInput input, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await _journal.GetAsync(input.ChangeId, ct).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Change '{input.ChangeId}' is not in the journal; the planner records a change before its workflow starts.");
            var updated = current with
            {
                State = input.State,
                StageIndex = input.StageIndex >= 0 ? input.StageIndex : current.StageIndex,
                Captured = input.Captured ?? current.Captured,
                Outcome = input.Message,
                UpdatedAt = input.At,
            };
            try
            {
                await _journal.UpdateAsync(updated, ct).ConfigureAwait(false);
                return;
            }
            catch (JournalConflictException) when (attempt < JournalAttempts)
            {
                _logger.JournalConflict(input.ChangeId, attempt);
            }
            catch (JournalConflictException ex)
            {
                throw new InvalidOperationException($"Change '{input.ChangeId}': journal conflicts outlasted {JournalAttempts} attempts.", ex);
            }
        }
    }

    /// <summary>Appends the step unless it is already the last event (the journal stores messages fitted to a string
    /// property, so the comparison is with the fitted message).</summary>
    private async Task<ChangeEvent> AppendStepOnceAsync(JournalStepInput input, CancellationToken ct)
    {
        var message = TableStoreLimits.Fit(input.Message);
        if (await LastEventAsync(input.ChangeId, ct).ConfigureAwait(false) is { } last
            && last.Step == input.Step && last.StageIndex == input.StageIndex && last.At == input.At
            && last.State == input.State && last.Message == message)
        {
            _logger.StepAlreadyRecorded(input.ChangeId, input.Step, last.Sequence);
            return last;
        }

        return await _journal.AppendAsync(
            new ChangeEvent(input.ChangeId, 0, input.At, input.Step, input.StageIndex, input.Message, input.Verdict, input.State),
            ct).ConfigureAwait(false);
    }

    /// <summary><see cref="ActivityNames.FindRevertCandidate"/>: the resource's latest change when it is promoted and was
    /// promoted at or after <see cref="RevertLookupInput.Since"/>; otherwise none, with the reason.</summary>
    public async Task<RevertCandidate> FindRevertCandidateAsync(RevertLookupInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var latest = await _journal.GetLatestForResourceAsync(input.ResourceId, ct).ConfigureAwait(false);
        if (latest is null)
        {
            return new RevertCandidate(null, "no change recorded for the resource");
        }

        if (latest.State != ChangeState.Promoted)
        {
            return new RevertCandidate(null, $"latest change {latest.ChangeId} is {latest.State}, not promoted");
        }

        if (latest.UpdatedAt < input.Since)
        {
            return new RevertCandidate(null, $"latest change {latest.ChangeId} was promoted at {Time(latest.UpdatedAt)}, before {Time(input.Since)}");
        }

        return new RevertCandidate(latest, $"change {latest.ChangeId} promoted at {Time(latest.UpdatedAt)} ({latest.Plan.FinalTarget.Describe()})");
    }

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture);

    private async Task<ChangeEvent?> LastEventAsync(string changeId, CancellationToken ct)
    {
        if (_journal is not IJournalReader reader)
        {
            return null;
        }

        ChangeEvent? last = null;
        await foreach (var e in reader.ListEventsAsync(changeId, ct).ConfigureAwait(false))
        {
            last = e;
        }

        return last;
    }
}
