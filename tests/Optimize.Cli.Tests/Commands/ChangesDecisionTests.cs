using System.Net;
using System.Text;
using System.Text.Json;
using Optimize.Cli.Hosting;

namespace Optimize.Cli.Tests.Commands;

/// <summary><c>optimize changes approve|reject</c> against a recording HTTP handler standing in for the Function App.</summary>
public sealed class ChangesDecisionTests
{
    [Fact]
    public async Task Approve_Accepted_PostsPathKeyAndBodyAndExits0()
    {
        var handler = new RecordingHandler(HttpStatusCode.Accepted, """{"changeId":"chg-1","approved":true,"by":"ana"}""");

        var result = await RunAsync(handler, "changes", "approve", "chg 1/x", "--by", "ana", "--comment", "looks fine", "--url", "https://fa.example.net/", "--key", "k-123");

        Assert.Equal(0, result.ExitCode);
        var request = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://fa.example.net/api/changes/chg%201%2Fx/approve", request.Url);
        Assert.Equal("k-123", request.Key);
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal("ana", body.RootElement.GetProperty("by").GetString());
        Assert.Equal("looks fine", body.RootElement.GetProperty("comment").GetString());
        Assert.Contains("approved change chg 1/x as 'ana'", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reject_UrlAndKeyFromEnvironment_PostsToReject()
    {
        var handler = new RecordingHandler(HttpStatusCode.Accepted, "{}");
        var env = new Dictionary<string, string> { ["OPTIMIZE_FUNCTION_URL"] = "https://fa.example.net/base", ["OPTIMIZE_FUNCTION_KEY"] = "env-key" };

        var result = await CliRunner.RunAsync(
            new CliRunOptions { FunctionHttp = handler, Environment = n => env.GetValueOrDefault(n) }, "changes", "reject", "chg-2", "--by", "bo");

        Assert.Equal(0, result.ExitCode);
        var request = Assert.Single(handler.Requests);
        Assert.Equal("https://fa.example.net/base/api/changes/chg-2/reject", request.Url);
        Assert.Equal("env-key", request.Key);
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal("", body.RootElement.GetProperty("comment").GetString());
    }

    [Theory]
    [InlineData(HttpStatusCode.NotFound, """{"error":"No change 'chg-9' in the journal."}""", ExitCodes.Failed, "No change 'chg-9' in the journal. (HTTP 404)")]
    [InlineData(HttpStatusCode.NotFound, "", ExitCodes.Failed, "check --url")]
    [InlineData(HttpStatusCode.Conflict, """{"error":"Change 'chg-9' is Promoted, not awaiting approval."}""", ExitCodes.Failed, "Change 'chg-9' is Promoted, not awaiting approval. (HTTP 409): nothing was decided.")]
    [InlineData(HttpStatusCode.Unauthorized, "", ExitCodes.AccessDenied, "--function-name ApproveChange")]
    [InlineData(HttpStatusCode.Forbidden, "", ExitCodes.AccessDenied, "refused the key (HTTP 403)")]
    [InlineData(HttpStatusCode.BadRequest, """{"error":"'by' is required"}""", ExitCodes.BadInput, "'by' is required (HTTP 400).")]
    public async Task Approve_FunctionAppRefuses_ClearMessageAndExitCode(HttpStatusCode status, string body, int exitCode, string expected)
    {
        var result = await RunAsync(new RecordingHandler(status, body), "changes", "approve", "chg-9", "--by", "ana", "--url", "https://fa.example.net", "--key", "k");

        Assert.Equal(exitCode, result.ExitCode);
        Assert.Contains(expected, result.Err, StringComparison.Ordinal);
        Assert.StartsWith("error: ", result.Err, StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }

    [Theory]
    [InlineData("--url", "ftp://fa.example.net", "is not an http(s) URL")]
    [InlineData("--key", "", "no function key")]
    [InlineData("--by", " ", "--by: say who decides")]
    public async Task Approve_BadOrMissingInput_Exits2WithoutCalling(string option, string value, string expected)
    {
        var handler = new RecordingHandler(HttpStatusCode.Accepted, "{}");
        var args = new Dictionary<string, string> { ["--by"] = "ana", ["--url"] = "https://fa.example.net", ["--key"] = "k" };
        args[option] = value;

        var result = await RunAsync(handler, ["changes", "approve", "chg-1", .. args.SelectMany(a => new[] { a.Key, a.Value })]);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains(expected, result.Err, StringComparison.Ordinal);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task Approve_FunctionAppUnreachable_Exits1WithTheUrl()
    {
        var result = await RunAsync(new RecordingHandler(new HttpRequestException("Connection refused")), "changes", "approve", "c", "--by", "a", "--url", "https://fa.example.net", "--key", "k");

        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Assert.Contains("could not reach the Function App at https://fa.example.net/: Connection refused", result.Err, StringComparison.Ordinal);
    }

    private static Task<CliResult> RunAsync(RecordingHandler handler, params string[] args) =>
        CliRunner.RunAsync(new CliRunOptions { FunctionHttp = handler, Environment = _ => null }, args);

    private sealed record Recorded(HttpMethod Method, string Url, string? Key, string Body);

    private sealed class RecordingHandler : HttpMessageHandler
    {
        private readonly HttpStatusCode status;
        private readonly string body;
        private readonly Exception? failure;

        public RecordingHandler(HttpStatusCode status, string body) => (this.status, this.body) = (status, body);

        public RecordingHandler(Exception failure) => (status, body, this.failure) = (HttpStatusCode.OK, "", failure);

        public List<Recorded> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var content = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
            Requests.Add(new Recorded(request.Method, request.RequestUri!.AbsoluteUri, request.Headers.TryGetValues("x-functions-key", out var k) ? k.Single() : null, content));
            if (failure is not null)
            {
                throw failure;
            }

            return new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        }
    }
}
