using Azure.Core;
using Azure.Core.Pipeline;

namespace Optimize.Azure;

/// <summary>
/// Settings shared by every Azure adapter: retries, timeouts, concurrency, polling and endpoints.
/// Validated once by <see cref="Validate"/> (called by <see cref="AzureAdapters.Create"/>), which lists every violation.
/// </summary>
public sealed class AzureAdapterOptions
{
    /// <summary>Retries after the first attempt for 408/429/5xx and network failures (Azure.Core retry policy). Default 5.</summary>
    public int MaxRetries { get; set; } = 5;

    /// <summary>First back-off delay; doubles per retry with jitter, and never below a 429/503 <c>Retry-After</c>. Default 0.8 s.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(0.8);

    /// <summary>Largest back-off delay. Default 60 s.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Per-request timeout (<c>RetryOptions.NetworkTimeout</c>); a timed-out attempt is retried. Default 100 s.</summary>
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>
    /// Optional delay strategy replacing the exponential one built from <see cref="RetryDelay"/>/<see cref="MaxRetryDelay"/>.
    /// Azure.Core still applies the server's <c>Retry-After</c> as a floor.
    /// </summary>
    public DelayStrategy? RetryDelayStrategy { get; set; }

    /// <summary>Concurrent metric calls. Default 4.</summary>
    public int MetricsConcurrency { get; set; } = 4;

    /// <summary>Use the Monitor data-plane batch API (50 resources per call); false reads one resource per ARM call. Default true.</summary>
    public bool UseMetricsBatch { get; set; } = true;

    /// <summary>Poll interval for long-running operations when Azure sends no <c>Retry-After</c>. Default 5 s.</summary>
    public TimeSpan OperationPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest wait for one long-running operation. Default 30 min.</summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Share of a manual-upgrade scale set's instances upgraded per batch, 0–1. Default 0.2.</summary>
    public double ScaleSetUpgradeBatchFraction { get; set; } = 0.2;

    /// <summary>Rows per Resource Graph page (<c>options.$top</c>, at most 1000). Default 1000.</summary>
    public int ResourceGraphPageSize { get; set; } = 1000;

    /// <summary>Azure Resource Manager endpoint. Default public cloud.</summary>
    public Uri ArmEndpoint { get; set; } = new("https://management.azure.com");

    /// <summary>
    /// Azure Monitor metrics data-plane endpoint for <c>metrics:getBatch</c>; null (the default) calls each region's own
    /// <c>https://{region}.metrics.monitor.azure.com</c>. Set it to reach an emulator that serves every region at one address.
    /// </summary>
    public Uri? MetricsEndpoint { get; set; }

    /// <summary>Retail Prices API endpoint.</summary>
    public Uri PricesEndpoint { get; set; } = new("https://prices.azure.com/api/retail/prices");

    /// <summary>Time source for operation polling.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>HTTP transport; null uses Azure.Core's default. Tests inject a recording transport here.</summary>
    public HttpPipelineTransport? Transport { get; set; }

    /// <summary>Checks every setting and throws one exception listing all violations.</summary>
    /// <exception cref="ArgumentException">One or more settings are out of range.</exception>
    public void Validate()
    {
        var errors = new List<string>();
        if (MaxRetries is < 0 or > 20)
        {
            errors.Add($"{nameof(MaxRetries)} must be 0–20 (was {MaxRetries}).");
        }

        if (RetryDelay < TimeSpan.Zero || MaxRetryDelay < RetryDelay)
        {
            errors.Add($"{nameof(RetryDelay)} must be ≥ 0 and ≤ {nameof(MaxRetryDelay)}.");
        }

        if (NetworkTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{nameof(NetworkTimeout)} must be positive.");
        }

        if (MetricsConcurrency is < 1 or > 64)
        {
            errors.Add($"{nameof(MetricsConcurrency)} must be 1–64 (was {MetricsConcurrency}).");
        }

        if (OperationPollInterval < TimeSpan.Zero || OperationTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{nameof(OperationPollInterval)} must be ≥ 0 and {nameof(OperationTimeout)} positive.");
        }

        if (ScaleSetUpgradeBatchFraction is <= 0 or > 1)
        {
            errors.Add($"{nameof(ScaleSetUpgradeBatchFraction)} must be in (0, 1] (was {ScaleSetUpgradeBatchFraction}).");
        }

        if (ResourceGraphPageSize is < 1 or > 1000)
        {
            errors.Add($"{nameof(ResourceGraphPageSize)} must be 1–1000 (was {ResourceGraphPageSize}).");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid Azure adapter options: " + string.Join(" ", errors));
        }
    }
}
