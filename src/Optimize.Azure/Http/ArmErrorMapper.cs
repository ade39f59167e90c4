using System.Text.Json;
using Azure;
using Optimize.Changes;

namespace Optimize.Azure.Http;

/// <summary>
/// Classifies failed Azure calls into <see cref="ChangeFailureKinds"/>. Every message names the call; a 403 names the
/// RBAC action (<see cref="ArmActions"/>) the identity lacks. 429 (ARM) and 529 (Monitor metrics data plane) are throttling.
/// </summary>
public static class ArmErrorMapper
{
    /// <summary>Classifies an HTTP error status.</summary>
    /// <param name="status">HTTP status (≥ 400).</param>
    /// <param name="body">Response body, used for Azure's error code and message; may be empty.</param>
    /// <param name="call">The call, for example <c>PATCH Microsoft.Web/serverfarms</c>.</param>
    /// <param name="action">The RBAC action the call needs.</param>
    public static ChangeFailure FromStatus(int status, string? body, string call, string action)
    {
        var detail = ErrorDetail(body);
        var suffix = detail.Length > 0 ? $": {detail}" : ".";
        return status switch
        {
            409 or 412 => new(ChangeFailureKinds.Conflict, $"{call} conflicted (HTTP {status}){suffix}"),
            429 or ThrottleAwareClassifier.MetricsThrottled => new(ChangeFailureKinds.Throttled, $"{call} was throttled (HTTP {status}) beyond the retries{suffix}"),
            404 => new(ChangeFailureKinds.NotFound, $"{call} found no resource (HTTP 404){suffix}"),
            401 or 403 => new(ChangeFailureKinds.Forbidden, $"{call} was refused (HTTP {status}): the identity lacks the permission '{action}'{suffix}"),
            400 => new(ChangeFailureKinds.InvalidTarget, $"{call} was rejected as invalid (HTTP 400){suffix}"),
            408 or >= 500 => new(ChangeFailureKinds.Transient, $"{call} kept failing (HTTP {status}) beyond the retries{suffix}"),
            _ => new(ChangeFailureKinds.Unexpected, $"{call} returned HTTP {status}{suffix}"),
        };
    }

    /// <summary>Classifies an exception thrown by a call (transport, timeout, SDK, JSON).</summary>
    /// <param name="exception">What was thrown.</param>
    /// <param name="call">The call.</param>
    /// <param name="action">The RBAC action the call needs.</param>
    public static ChangeFailure FromException(Exception exception, string call, string action)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            AzureCallException a => a.Failure,
            AggregateException { InnerExceptions.Count: > 0 } agg => FromException(agg.InnerExceptions[^1], call, action),
            RequestFailedException { Status: > 0 } r => FromStatus(r.Status, r.Message, call, action),
            RequestFailedException r => new(ChangeFailureKinds.Transient, $"{call} failed without a response beyond the retries: {r.Message}"),
            JsonException j => new(ChangeFailureKinds.Unexpected, $"{call} returned malformed JSON: {j.Message}"),
            FormatException or KeyNotFoundException or InvalidOperationException =>
                new(ChangeFailureKinds.Unexpected, $"{call} returned an unexpected shape: {exception.Message}"),
            OperationCanceledException => new(ChangeFailureKinds.Transient, $"{call} timed out beyond the retries: {exception.Message}"),
            IOException or HttpRequestException => new(ChangeFailureKinds.Transient, $"{call} failed on the network beyond the retries: {exception.Message}"),
            _ => new(ChangeFailureKinds.Unexpected, $"{call} failed: {exception.GetType().Name}: {exception.Message}"),
        };
    }

    private static string ErrorDetail(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return string.Empty;
        }

        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            {
                var code = error.TryGetProperty("code", out var c) ? c.GetString() : null;
                var message = error.TryGetProperty("message", out var m) ? m.GetString() : null;
                return $"{code} {message}".Trim();
            }
        }
        catch (JsonException)
        {
            // Not JSON: fall through to the raw text.
        }

        return body.Length > 300 ? body[..300] : body;
    }
}
