using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Optimize.Functions.Durable;
using Optimize.Hosting;
using Optimize.Hosting.Notifications;

namespace Optimize.Functions.Functions;

/// <summary>The nightly cost pass (schedule: app setting OPTIMIZE_NIGHTLY_SCHEDULE, UTC; default 02:00).</summary>
public sealed class NightlyPassFunction(NightlyService nightly, NotificationService notifications)
{
    /// <summary>Runs a pass, starts one staged-change orchestration per planned change, purges old journal entries.
    /// A pass that did not complete fails the execution (so alerts on failed function executions fire) and, when a
    /// notification webhook is set, tells people why.</summary>
    [Function("NightlyPass")]
    public async Task Run(
        [TimerTrigger("%OPTIMIZE_NIGHTLY_SCHEDULE%")] TimerInfo timer,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        try
        {
            await nightly.RunOrThrowAsync("nightly", new DurableWorkflowHost(client), cancellationToken);
        }
        catch (PassFailedException ex)
        {
            await notifications.NotifyPassFailedAsync("nightly", ex.Message, cancellationToken);
            throw;
        }
    }
}
