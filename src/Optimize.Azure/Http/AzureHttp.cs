using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Optimize.Changes;

namespace Optimize.Azure.Http;

/// <summary>
/// Sends JSON requests through one <see cref="HttpPipeline"/> and turns failures into <see cref="AzureCallException"/>
/// classified by <see cref="ArmErrorMapper"/>. Also waits for ARM long-running operations.
/// </summary>
internal sealed class AzureHttp(HttpPipeline pipeline, AzureAdapterOptions options)
{
    public HttpPipeline Pipeline { get; } = pipeline;

    public AzureAdapterOptions Options { get; } = options;

    /// <summary>Sends and returns the response; throws <see cref="AzureCallException"/> for error statuses and exhausted retries.</summary>
    public async Task<AzureResponse> SendAsync(
        RequestMethod method, Uri uri, JsonNode? body, string call, string action, CancellationToken cancellationToken, string? ifMatch = null)
    {
        using var message = Pipeline.CreateMessage();
        message.Request.Method = method;
        message.Request.Uri.Reset(uri);
        message.Request.Headers.Add("Accept", "application/json");
        if (body is not null)
        {
            message.Request.Headers.Add("Content-Type", "application/json");
            message.Request.Content = RequestContent.Create(BinaryData.FromString(body.ToJsonString()));
        }

        if (!string.IsNullOrEmpty(ifMatch))
        {
            message.Request.Headers.Add("If-Match", ifMatch);
        }

        try
        {
            await Pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw new AzureCallException(ArmErrorMapper.FromException(ex, call, action), 0, ex);
        }

        var response = message.Response;
        var text = response.Content?.ToString() ?? string.Empty;
        if (response.Status >= 400)
        {
            throw new AzureCallException(ArmErrorMapper.FromStatus(response.Status, text, call, action), response.Status);
        }

        JsonNode? json = null;
        if (!string.IsNullOrWhiteSpace(text))
        {
            try
            {
                json = JsonNode.Parse(text);
            }
            catch (JsonException ex)
            {
                throw new AzureCallException(ArmErrorMapper.FromException(ex, call, action), response.Status, ex);
            }
        }

        return new AzureResponse(
            response.Status,
            json,
            Header(response, "ETag"),
            Header(response, "Azure-AsyncOperation"),
            Header(response, "Location"),
            RetryAfter(response))
        {
            UserQuota = UserQuota(response),
        };
    }

    /// <summary>
    /// Waits for the operation <paramref name="initial"/> started: 200/201 without <c>Azure-AsyncOperation</c> are done;
    /// otherwise polls <c>Azure-AsyncOperation</c> (status Succeeded/Failed/Canceled) or <c>Location</c> (202 = running),
    /// honouring <c>Retry-After</c>. Throws <see cref="AzureCallException"/> with operation-failed or transient.
    /// </summary>
    public async Task WaitForCompletionAsync(AzureResponse initial, string call, string action, CancellationToken cancellationToken)
    {
        var asyncUrl = initial.AsyncOperation;
        var locationUrl = initial.Location;
        if (asyncUrl is null && (initial.Status != 202 || locationUrl is null))
        {
            return;
        }

        var time = Options.TimeProvider;
        var deadline = time.GetUtcNow() + Options.OperationTimeout;
        var retryAfter = initial.RetryAfter;
        while (true)
        {
            if (time.GetUtcNow() > deadline)
            {
                throw new AzureCallException(new ChangeFailure(ChangeFailureKinds.Transient, $"{call} did not finish within {Options.OperationTimeout}."), 0);
            }

            var wait = retryAfter ?? Options.OperationPollInterval;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
            }

            var poll = await SendAsync(RequestMethod.Get, new Uri(asyncUrl ?? locationUrl!), null, call + " (poll)", action, cancellationToken).ConfigureAwait(false);
            retryAfter = poll.RetryAfter;
            if (asyncUrl is not null)
            {
                var status = poll.Json?["status"]?.GetValue<string>() ?? string.Empty;
                if (status.Equals("Succeeded", StringComparison.OrdinalIgnoreCase))
                {
                    return;
                }

                if (status.Equals("Failed", StringComparison.OrdinalIgnoreCase) || status.Equals("Canceled", StringComparison.OrdinalIgnoreCase))
                {
                    var error = poll.Json?["error"];
                    var detail = error is null ? string.Empty : $": {error["code"]?.GetValue<string>()} {error["message"]?.GetValue<string>()}".TrimEnd();
                    throw new AzureCallException(new ChangeFailure(ChangeFailureKinds.OperationFailed, $"{call} ended {status}{detail}"), poll.Status);
                }
            }
            else if (poll.Status != 202)
            {
                return;
            }
        }
    }

    private static string? Header(Response response, string name) =>
        response.Headers.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value) ? value : null;

    /// <summary>
    /// Resource Graph's <c>x-ms-user-quota-remaining</c> (queries left in the window) and <c>x-ms-user-quota-resets-after</c>
    /// (hh:mm:ss until it resets), both present and well-formed, else null.
    /// </summary>
    private static (int Remaining, TimeSpan ResetsAfter)? UserQuota(Response response) =>
        response.Headers.TryGetValue("x-ms-user-quota-remaining", out var left)
        && int.TryParse(left, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var remaining)
        && response.Headers.TryGetValue("x-ms-user-quota-resets-after", out var reset)
        && TimeSpan.TryParseExact(reset, @"hh\:mm\:ss", System.Globalization.CultureInfo.InvariantCulture, out var resetsAfter)
            ? (remaining, resetsAfter)
            : null;

    private static TimeSpan? RetryAfter(Response response)
    {
        if (response.Headers.TryGetValue("retry-after-ms", out var ms) && double.TryParse(ms, System.Globalization.CultureInfo.InvariantCulture, out var msValue))
        {
            return TimeSpan.FromMilliseconds(msValue);
        }

        return response.Headers.TryGetValue("Retry-After", out var s) && double.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : null;
    }
}

/// <summary>A successful response: status, parsed JSON (null when empty) and the headers the adapters use.</summary>
/// <param name="ETag">The <c>ETag</c> response header, or null.</param>
internal sealed record AzureResponse(int Status, JsonNode? Json, string? ETag, string? AsyncOperation, string? Location, TimeSpan? RetryAfter)
{
    /// <summary>Resource Graph's per-user quota headers (remaining queries, time until the window resets), or null when absent.</summary>
    public (int Remaining, TimeSpan ResetsAfter)? UserQuota { get; init; }

    /// <summary>
    /// The concurrency token for an <c>If-Match</c> on the next write: the <c>ETag</c> header, else a string <c>etag</c> at the top of the
    /// body, else null (then no <c>If-Match</c> is sent and the write is unconditional).
    /// </summary>
    public string? ReadETag => ETag ?? (Json is JsonObject root && root["etag"] is JsonValue value && value.TryGetValue<string>(out var body) && body.Length > 0 ? body : null);
}
