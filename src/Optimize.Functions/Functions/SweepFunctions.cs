using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Optimize.Functions.Durable;
using Optimize.Hosting.Notifications;
using Optimize.Journal;
using Optimize.Workflow.Runner;

namespace Optimize.Functions.Functions;

/// <summary>Timers that keep changes moving between passes. Timer triggers run on one instance at a time (the host
/// holds a lease per timer), so each sweep is single-flight; RecoveryService also starts nothing for a change whose
/// orchestration is still running, and DurableWorkflowHost refuses a second start of the same id.</summary>
public sealed class SweepFunctions(
    IChangeJournal changes, IJournalReader reader, NotificationService notifications, TimeProvider time, ILoggerFactory loggers)
{
    /// <summary>Every 15 minutes: finds changes the journal says are in flight with no running orchestration (a crash,
    /// a failed orchestration, a journal outage after an apply) and finishes or rolls each back, journaling why.</summary>
    [Function("RecoverySweep")]
    public async Task Recover(
        [TimerTrigger("0 */15 * * * *")] TimerInfo timer,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        var recovery = new RecoveryService(changes, reader, new DurableWorkflowHost(client), time, loggers.CreateLogger<RecoveryService>());
        await recovery.RecoverAsync(cancellationToken);
    }

    /// <summary>Every 5 minutes: tells people about approvals waiting (with their expiry), rollbacks and escalations,
    /// when OPTIMIZE_NOTIFY_WEBHOOK is set.</summary>
    [Function("NotificationSweep")]
    public async Task Notify([TimerTrigger("0 */5 * * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        if (notifications.Enabled)
        {
            await notifications.SweepAsync(cancellationToken);
        }
    }
}
