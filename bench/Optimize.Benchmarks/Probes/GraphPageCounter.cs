using System.Text.Json;

namespace Optimize.Benchmarks.Probes;

/// <summary>
/// Reads the Resource Graph answers that pass through: per query (a run of pages ending with one without
/// <c>$skipToken</c>) its <c>totalRecords</c> and the pages it took, so the probe compares pages with ⌈rows/1000⌉.
/// Only successful answers count; a throttled page is retried by the pipeline and counted when it succeeds.
/// </summary>
internal sealed class GraphPageCounter(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private readonly Lock _gate = new();
    private readonly List<(long Rows, int Pages)> _queries = [];
    private int _openPages;

    /// <summary>Queries completed: total rows and pages each.</summary>
    public IReadOnlyList<(long Rows, int Pages)> Queries
    {
        get
        {
            lock (_gate)
            {
                return [.. _queries];
            }
        }
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode && request.RequestUri?.AbsolutePath.EndsWith("/Microsoft.ResourceGraph/resources", StringComparison.OrdinalIgnoreCase) == true)
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            using var json = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
            stream.Position = 0;
            var root = json.RootElement;
            var total = root.TryGetProperty("totalRecords", out var t) ? t.GetInt64() : 0;
            var last = !root.TryGetProperty("$skipToken", out var token) || token.ValueKind != JsonValueKind.String || token.GetString() is not { Length: > 0 };
            lock (_gate)
            {
                _openPages++;
                if (last)
                {
                    _queries.Add((total, _openPages));
                    _openPages = 0;
                }
            }
        }

        return response;
    }
}
