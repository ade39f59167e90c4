using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Optimize.Functions.Durable;
using Optimize.Hosting;

namespace Optimize.Functions.Functions;

/// <summary>The nightly cost pass (schedule: app setting OPTIMIZE_NIGHTLY_SCHEDULE, UTC; default 02:00).</summary>
public sealed class NightlyPassFunction(NightlyService nightly)
{
    /// <summary>Runs a pass, starts one staged-change orchestration per planned change, purges old journal entries.</summary>
    [Function("NightlyPass")]
    public Task Run(
        [TimerTrigger("%OPTIMIZE_NIGHTLY_SCHEDULE%")] TimerInfo timer,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        nightly.RunAsync("nightly", new DurableWorkflowHost(client), cancellationToken);
}
