using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Optimize.Functions.Durable;
using Optimize.Hosting;

namespace Optimize.Functions.Functions;

/// <summary>HTTP endpoints (function key): alert webhook, manual pass, approve/reject, status.</summary>
public sealed class HttpEndpoints(AlertIntake alerts, NightlyService nightly, ApprovalService approvals)
{
    /// <summary>Action-group webhook (common alert schema). 4xx with a clear body for malformed or out-of-scope payloads.</summary>
    [Function("AlertWebhook")]
    public async Task<IActionResult> AlertWebhook(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "alerts")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        // The body is streamed: AlertIntake refuses an oversized one (413) before reading it whole.
        ToResult(await alerts.HandleAsync(request.Body, request.ContentLength, new DurableWorkflowHost(client), cancellationToken));

    /// <summary>Starts a pass now (same as the nightly one, trigger "manual").</summary>
    [Function("StartPass")]
    public async Task<IActionResult> StartPass(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "passes")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        ToResult(await nightly.RunAsync("manual", new DurableWorkflowHost(client), cancellationToken));

    /// <summary>Approves a change waiting at the approval gate. Body: {"by": "...", "comment": "..."}.</summary>
    [Function("ApproveChange")]
    public async Task<IActionResult> Approve(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "changes/{changeId}/approve")] HttpRequest request,
        string changeId,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        ToResult(await approvals.DecideAsync(changeId, approved: true, await ReadBodyAsync(request, cancellationToken), new DurableWorkflowHost(client), cancellationToken));

    /// <summary>Rejects a change waiting at the approval gate. Body: {"by": "...", "comment": "..."}.</summary>
    [Function("RejectChange")]
    public async Task<IActionResult> Reject(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "changes/{changeId}/reject")] HttpRequest request,
        string changeId,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        ToResult(await approvals.DecideAsync(changeId, approved: false, await ReadBodyAsync(request, cancellationToken), new DurableWorkflowHost(client), cancellationToken));

    /// <summary>A change with its steps and its orchestration's state.</summary>
    [Function("ChangeStatus")]
    public async Task<IActionResult> Status(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "changes/{changeId}")] HttpRequest request,
        string changeId,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        ToResult(await approvals.StatusAsync(changeId, new DurableWorkflowHost(client), cancellationToken));

    private static async Task<string> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body);
        return await reader.ReadToEndAsync(cancellationToken);
    }

    private static ObjectResult ToResult(ApiResult result) => new(result.Body) { StatusCode = result.StatusCode };
}
