using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Optimize.Functions.Durable;
using Optimize.Hosting;

namespace Optimize.Functions.Functions;

/// <summary>HTTP endpoints (function key): alert webhook, manual pass, approve/reject, status, list.</summary>
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

    /// <summary>Approves a change waiting at the approval gate. Body: {"by": "...", "comment": "..."}; with App Service Authentication the approver is the signed-in principal.</summary>
    [Function("ApproveChange")]
    public async Task<IActionResult> Approve(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "changes/{changeId}/approve")] HttpRequest request,
        string changeId,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        ToResult(await approvals.DecideAsync(changeId, approved: true, await ReadBodyAsync(request, cancellationToken), Principal(request), new DurableWorkflowHost(client), cancellationToken));

    /// <summary>Rejects a change waiting at the approval gate. Body: {"by": "...", "comment": "..."}; with App Service Authentication the approver is the signed-in principal.</summary>
    [Function("RejectChange")]
    public async Task<IActionResult> Reject(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "changes/{changeId}/reject")] HttpRequest request,
        string changeId,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        ToResult(await approvals.DecideAsync(changeId, approved: false, await ReadBodyAsync(request, cancellationToken), Principal(request), new DurableWorkflowHost(client), cancellationToken));

    /// <summary>A change with its steps and its orchestration's state.</summary>
    [Function("ChangeStatus")]
    public async Task<IActionResult> Status(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "changes/{changeId}")] HttpRequest request,
        string changeId,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        ToResult(await approvals.StatusAsync(changeId, new DurableWorkflowHost(client), cancellationToken));

    /// <summary>
    /// Lists changes, newest first: <c>?state=awaiting-approval</c> (kebab-case states, comma-separated),
    /// <c>&amp;resource=</c> (full ARM id), <c>&amp;since=</c> (ISO 8601), <c>&amp;limit=</c> (1–500, default 50). 400 for a bad parameter.
    /// </summary>
    [Function("ListChanges")]
    public Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "changes")] HttpRequest request,
        CancellationToken cancellationToken) =>
        ListAsync(request, cancellationToken);

    private async Task<IActionResult> ListAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        string? One(string name) => request.Query.TryGetValue(name, out var values) ? string.Join(",", values.ToArray()) : null;
        var unknown = request.Query.Keys.Where(k => !ApprovalService.ListParameters.Contains(k, StringComparer.OrdinalIgnoreCase)).ToList();
        var query = new ChangeListRequest { State = One("state"), Resource = One("resource"), Since = One("since"), Limit = One("limit"), Unknown = unknown };
        return ToResult(await approvals.ListAsync(query, cancellationToken));
    }

    // App Service Authentication sets X-MS-CLIENT-PRINCIPAL (Base64 JSON of the claims) and refuses it from clients:
    // learn.microsoft.com/azure/app-service/configure-authentication-user-identities. See ClientPrincipal.
    private static string? Principal(HttpRequest request) =>
        request.Headers.TryGetValue(ClientPrincipal.HeaderName, out var values) ? values.ToString() : null;

    private static async Task<string> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body);
        return await reader.ReadToEndAsync(cancellationToken);
    }

    private static ObjectResult ToResult(ApiResult result) => new(result.Body) { StatusCode = result.StatusCode };
}
