using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Optimize.Cli.Hosting;

namespace Optimize.Cli.Commands;

/// <summary>Where the Function App is and its key, from <c>--url</c>/<c>--key</c> or the environment.</summary>
internal sealed record FunctionAppTarget
{
    public const string UrlVariable = "OPTIMIZE_FUNCTION_URL";
    public const string KeyVariable = "OPTIMIZE_FUNCTION_KEY";

    public required Uri BaseUrl { get; init; }

    public required string Key { get; init; }
}

/// <summary>The outcome of a decision sent to the Function App: the exit code and the line to print.</summary>
internal sealed record DecisionResult(int ExitCode, string Message);

/// <summary>
/// Sends an approval decision to the Function App's <c>POST /api/changes/{id}/approve|reject</c> with the function key
/// in <c>x-functions-key</c> and the body <c>{"by", "comment"}</c>, and says what its answer means.
/// </summary>
internal sealed class FunctionAppClient(HttpMessageHandler? handler)
{
    public async Task<DecisionResult> DecideAsync(FunctionAppTarget target, string changeId, bool approve, string by, string? comment, CancellationToken ct)
    {
        var verb = approve ? "approve" : "reject";
        var url = new Uri(target.BaseUrl, $"api/changes/{Uri.EscapeDataString(changeId)}/{verb}");
        using var http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        http.Timeout = TimeSpan.FromSeconds(100);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(new { by, comment = comment ?? "" }) };
        request.Headers.Add("x-functions-key", target.Key);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct);
        }
        catch (HttpRequestException ex)
        {
            return new(ExitCodes.Failed, $"could not reach the Function App at {target.BaseUrl}: {ex.Message}");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return new(ExitCodes.Failed, $"the Function App at {target.BaseUrl} did not answer within {http.Timeout.TotalSeconds:0} s.");
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(ct);
            var error = ErrorOf(body);
            var function = approve ? "ApproveChange" : "RejectChange";
            return response.StatusCode switch
            {
                HttpStatusCode.Accepted or HttpStatusCode.OK =>
                    new(ExitCodes.Ok, $"{(approve ? "approved" : "rejected")} change {changeId} as '{by}': the workflow continues (see 'optimize changes show {changeId}')."),
                HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden =>
                    new(ExitCodes.AccessDenied, $"the Function App refused the key (HTTP {(int)response.StatusCode}): use the {function} function's key " +
                        $"(az functionapp function keys list -g <resource-group> -n <function-app> --function-name {function}) in --key or ${FunctionAppTarget.KeyVariable}."),
                HttpStatusCode.NotFound => new(ExitCodes.Failed, error is not null
                    ? $"{error} (HTTP 404)"
                    : $"{url} was not found (HTTP 404): check --url / ${FunctionAppTarget.UrlVariable} (the Function App's https://<app>.azurewebsites.net)."),
                HttpStatusCode.Conflict => new(ExitCodes.Failed, $"{error ?? "the change is not waiting for a decision"} (HTTP 409): nothing was decided."),
                HttpStatusCode.BadRequest => new(ExitCodes.BadInput, $"{error ?? "the Function App refused the request"} (HTTP 400)."),
                _ => new(ExitCodes.Failed, $"the Function App answered HTTP {(int)response.StatusCode}{(error is null ? "" : ": " + error)}."),
            };
        }
    }

    private static string? ErrorOf(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.ValueKind == JsonValueKind.Object
                && (doc.RootElement.TryGetProperty("error", out var e) || doc.RootElement.TryGetProperty("Error", out e))
                && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
