using System.Collections.Concurrent;
using System.Net;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Optimize.Azure.Tests.Http;

/// <summary>One request as sent.</summary>
internal sealed record RecordedRequest(string Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string Query(string name)
    {
        foreach (var pair in Uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
            if (key.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return eq < 0 ? string.Empty : Uri.UnescapeDataString(pair[(eq + 1)..]);
            }
        }

        return string.Empty;
    }
}

/// <summary>A canned response; <see cref="Throw"/> makes the transport fail instead (network error), <see cref="Hang"/> waits until cancelled.</summary>
internal sealed record CannedResponse(int Status, string Body = "", IReadOnlyDictionary<string, string>? Headers = null, bool Throw = false, bool Hang = false);

/// <summary>
/// A transport that answers from rules (first matching rule wins; a rule with a queue of responses plays them in order and then
/// repeats the last) and records every request: method, URL, headers and body. Unmatched requests get 404 and are recorded.
/// Built on <see cref="HttpClientTransport"/> over an in-memory handler, so Azure.Core's real request/response types are used.
/// </summary>
internal sealed class RecordedTransport : HttpPipelineTransport
{
    private readonly HttpClientTransport _inner;
    private readonly List<(Func<RecordedRequest, bool> Match, Func<RecordedRequest, CannedResponse> Respond)> _rules = [];
    private int _inFlight;

    public RecordedTransport()
    {
#pragma warning disable CA2000 // The HttpClient owns the handler and lives as long as the transport.
        _inner = new HttpClientTransport(new HttpClient(new Handler(this)));
#pragma warning restore CA2000
    }

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public int MaxInFlight { get; private set; }

    public long BytesSent;

    public long BytesReceived;

    public RecordedTransport On(Func<RecordedRequest, bool> match, Func<RecordedRequest, CannedResponse> respond)
    {
        _rules.Add((match, respond));
        return this;
    }

    public RecordedTransport On(string method, string pathContains, params CannedResponse[] sequence)
    {
        var queue = new ConcurrentQueue<CannedResponse>(sequence);
        var last = sequence[^1];
        return On(
            r => r.Method == method && r.Uri.AbsoluteUri.Contains(pathContains, StringComparison.OrdinalIgnoreCase),
            _ => queue.TryDequeue(out var next) ? last = next : last);
    }

    public IReadOnlyList<RecordedRequest> Sent(string method, string pathContains) =>
        [.. Requests.Where(r => r.Method == method && r.Uri.AbsoluteUri.Contains(pathContains, StringComparison.OrdinalIgnoreCase))];

    public override Request CreateRequest() => _inner.CreateRequest();

    public override void Process(HttpMessage message) => _inner.Process(message);

    public override ValueTask ProcessAsync(HttpMessage message) => _inner.ProcessAsync(message);

    private sealed class Handler(RecordedTransport owner) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
            var headers = request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
                .GroupBy(h => h.Key, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => string.Join(",", g.SelectMany(h => h.Value)), StringComparer.OrdinalIgnoreCase);
            var recorded = new RecordedRequest(request.Method.Method, request.RequestUri!, headers, body);
            owner.Requests.Enqueue(recorded);
            Interlocked.Add(ref owner.BytesSent, body.Length + request.RequestUri!.AbsoluteUri.Length);
            var now = Interlocked.Increment(ref owner._inFlight);
            lock (owner._rules)
            {
                owner.MaxInFlight = Math.Max(owner.MaxInFlight, now);
            }

            try
            {
                await Task.Yield();
                var rule = owner._rules.FirstOrDefault(r => r.Match(recorded));
                var canned = rule.Respond is null ? new CannedResponse(404, "{\"error\":{\"code\":\"NoRule\",\"message\":\"no canned response\"}}") : rule.Respond(recorded);
                if (canned.Hang)
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }

                if (canned.Throw)
                {
                    throw new HttpRequestException("connection reset (canned)");
                }

                Interlocked.Add(ref owner.BytesReceived, canned.Body.Length);
                var response = new HttpResponseMessage((HttpStatusCode)canned.Status)
                {
                    Content = new StringContent(canned.Body, System.Text.Encoding.UTF8, "application/json"),
                    RequestMessage = request,
                };
                foreach (var (name, value) in canned.Headers ?? new Dictionary<string, string>())
                {
                    response.Headers.TryAddWithoutValidation(name, value);
                }

                return response;
            }
            finally
            {
                Interlocked.Decrement(ref owner._inFlight);
            }
        }
    }
}
