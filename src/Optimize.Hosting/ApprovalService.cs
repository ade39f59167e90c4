using System.Text.Json;
using Microsoft.Extensions.Logging;
using Optimize.Changes;
using Optimize.Journal;
using Optimize.Workflow.Hosting;
using Optimize.Workflow;

namespace Optimize.Hosting;

/// <summary>The approval gate's HTTP side: approve or reject a change waiting for approval, and report status.</summary>
public sealed partial class ApprovalService
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
    private readonly IChangeJournal _changes;
    private readonly IJournalReader _reader;
    private readonly ILogger<ApprovalService> _logger;
    private readonly ApprovalAccess _access;

    /// <summary>Creates the service.</summary>
    public ApprovalService(IChangeJournal changes, IJournalReader reader, ILogger<ApprovalService> logger, ApprovalAccess? access = null)
    {
        _changes = changes;
        _reader = reader;
        _logger = logger;
        _access = access ?? new ApprovalAccess();
    }

    /// <summary>
    /// As <see cref="DecideAsync(string, bool, string, IWorkflowHost, CancellationToken)"/>, with the request's
    /// <see cref="ClientPrincipal.HeaderName"/> header: when present, the approver is the principal (a body <c>by</c>
    /// naming someone else is 403; no <c>by</c> takes the principal's); when absent and
    /// <see cref="ApprovalAccess.RequirePrincipal"/> is set, 401. A header that is not App Service's shape is 400.
    /// </summary>
    public Task<ApiResult> DecideAsync(string changeId, bool approved, string body, string? principalHeader, IWorkflowHost host, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(principalHeader))
        {
            return _access.RequirePrincipal
                ? Task.FromResult(ApiResult.Unauthorized(
                    $"Sign in: approvals need an App Service Authentication (Entra ID) principal ({OptimizeSettings.RequirePrincipalSetting}=true), and the request carries no {ClientPrincipal.HeaderName} header."))
                : DecideAsync(changeId, approved, body, host, cancellationToken);
        }

        if (!ClientPrincipal.TryParse(principalHeader, out var principal, out var error))
        {
            return Task.FromResult(ApiResult.BadRequest(error));
        }

        ApprovalRequest? request;
        try
        {
            request = string.IsNullOrWhiteSpace(body) ? null : JsonSerializer.Deserialize<ApprovalRequest>(body, JsonOptions);
        }
        catch (JsonException ex)
        {
            return Task.FromResult(ApiResult.BadRequest($"The body is not JSON of the form {{\"comment\": \"...\"}}: {ex.Message}"));
        }

        if (!string.IsNullOrWhiteSpace(request?.By) && !string.Equals(request.By.Trim(), principal!.Name, StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(ApiResult.Forbidden(
                $"'by' is '{request.By.Trim()}' but you are signed in as '{principal.Name}': the approver is the signed-in user. Leave 'by' out or send your own name."));
        }

        return DecideAsync(changeId, new ApprovalDecision(approved, principal!.Name, request?.Comment ?? ""), host, cancellationToken);
    }

    /// <summary>
    /// Approves or rejects from an HTTP body <c>{"by": "...", "comment": "..."}</c>: 400 malformed body or no <c>by</c>;
    /// 404 unknown change; 409 not awaiting approval or its workflow not running; 202 sent.
    /// </summary>
    public Task<ApiResult> DecideAsync(string changeId, bool approved, string body, IWorkflowHost host, CancellationToken cancellationToken = default)
    {
        ApprovalRequest? request;
        try
        {
            request = string.IsNullOrWhiteSpace(body) ? null : JsonSerializer.Deserialize<ApprovalRequest>(body, JsonOptions);
        }
        catch (JsonException ex)
        {
            return Task.FromResult(ApiResult.BadRequest($"The body is not JSON of the form {{\"by\": \"...\", \"comment\": \"...\"}}: {ex.Message}"));
        }

        return DecideAsync(changeId, new ApprovalDecision(approved, request?.By ?? "", request?.Comment ?? ""), host, cancellationToken);
    }

    /// <summary>Sends an approval decision to the change's workflow. 404 unknown change; 409 not awaiting approval.</summary>
    public async Task<ApiResult> DecideAsync(string changeId, ApprovalDecision decision, IWorkflowHost host, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(host);
        if (string.IsNullOrWhiteSpace(changeId))
        {
            return ApiResult.BadRequest("A change id is required.");
        }

        if (string.IsNullOrWhiteSpace(decision.By))
        {
            return ApiResult.BadRequest("'by' is required: who approves or rejects (it is journaled).");
        }

        var change = await _changes.GetAsync(changeId, cancellationToken);
        if (change is null)
        {
            return ApiResult.NotFound($"No change '{changeId}' in the journal.");
        }

        if (change.State != ChangeState.AwaitingApproval)
        {
            return ApiResult.Conflict($"Change '{changeId}' is {change.State}, not awaiting approval.");
        }

        var instanceId = InstanceIds.ForChange(change.Resource.Id);
        var state = await host.GetStateAsync(instanceId, cancellationToken);
        if (state is not { IsActive: true })
        {
            return ApiResult.Conflict($"The workflow of change '{changeId}' ({instanceId}) is not running.");
        }

        await host.RaiseEventAsync(instanceId, WorkflowEvents.Approval, decision, cancellationToken);
        HostingLog.ApprovalSent(_logger, changeId, decision.Approved ? "approved" : "rejected", decision.By);
        return ApiResult.Accepted(new { changeId, instanceId, approved = decision.Approved, by = decision.By });
    }

    /// <summary>The change, its steps and its workflow's state. 404 when unknown.</summary>
    public async Task<ApiResult> StatusAsync(string changeId, IWorkflowHost host, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        var change = await _changes.GetAsync(changeId, cancellationToken);
        if (change is null)
        {
            return ApiResult.NotFound($"No change '{changeId}' in the journal.");
        }

        var events = new List<ChangeEvent>();
        await foreach (var e in _reader.ListEventsAsync(changeId, cancellationToken))
        {
            events.Add(e);
        }

        var workflow = await host.GetStateAsync(InstanceIds.ForChange(change.Resource.Id), cancellationToken);
        return ApiResult.Ok(new { change, events, workflow });
    }
}

/// <summary>The body of an approve or reject request.</summary>
/// <param name="By">Who decides (required; journaled).</param>
/// <param name="Comment">Why (optional).</param>
public sealed record ApprovalRequest(string? By, string? Comment);
