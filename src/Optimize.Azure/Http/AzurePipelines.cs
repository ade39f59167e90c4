using Azure.Core;
using Azure.Core.Pipeline;
using Azure.ResourceManager;

namespace Optimize.Azure.Http;

/// <summary>Builds the Azure.Core pipelines the adapters share: one per token audience, built once.</summary>
internal static class AzurePipelines
{
    /// <summary>Token audience for Azure Resource Manager.</summary>
    public const string ArmScope = "https://management.azure.com/.default";

    /// <summary>Token audience for the Monitor metrics data plane (batch API).</summary>
    public const string MetricsScope = "https://metrics.monitor.azure.com/.default";

    /// <summary>
    /// A pipeline with bearer auth for <paramref name="scope"/> (or none when null), retries and timeouts. Responses are classified by
    /// <see cref="ThrottleAwareClassifier"/>, so the metrics data plane's 529 is retried like 429 (with its <c>Retry-After</c>).
    /// </summary>
    public static HttpPipeline Build(TokenCredential? credential, string? scope, AzureAdapterOptions options)
    {
        var clientOptions = new PipelineClientOptions();
        Configure(clientOptions, options);
        HttpPipelinePolicy[] perRetry = credential is null || scope is null
            ? []
            : [new BearerTokenAuthenticationPolicy(credential, scope)];
        return HttpPipelineBuilder.Build(clientOptions, [], perRetry, ThrottleAwareClassifier.Instance);
    }

    /// <summary>
    /// Options for <see cref="ArmClient"/> (Azure.ResourceManager.Compute) with the same retry and transport. The ARM SDK builds its own
    /// pipeline and classifier, so 529 is not added there; ARM itself throttles with 429, which Azure.Core already retries.
    /// </summary>
    public static ArmClientOptions ArmClientOptions(AzureAdapterOptions options)
    {
        // The ARM endpoint the adapters are configured with is the one Azure.ResourceManager calls too (an emulator, a sovereign
        // cloud); the token audience stays ARM's.
        var armOptions = new ArmClientOptions
        {
            Environment = new ArmEnvironment(options.ArmEndpoint, ArmEnvironment.AzurePublicCloud.Audience),
        };
        Configure(armOptions, options);
        return armOptions;
    }

    private static void Configure(ClientOptions target, AzureAdapterOptions options)
    {
        target.Retry.MaxRetries = options.MaxRetries;
        target.Retry.Mode = RetryMode.Exponential;
        target.Retry.Delay = options.RetryDelay;
        target.Retry.MaxDelay = options.MaxRetryDelay;
        target.Retry.NetworkTimeout = options.NetworkTimeout;
        if (options.RetryDelayStrategy is not null)
        {
            target.RetryPolicy = new RetryPolicy(options.MaxRetries, options.RetryDelayStrategy);
        }

        target.Diagnostics.IsLoggingContentEnabled = false;
        target.Diagnostics.IsDistributedTracingEnabled = false;
        if (options.Transport is not null)
        {
            target.Transport = options.Transport;
        }
    }

    private sealed class PipelineClientOptions : ClientOptions
    {
    }
}

/// <summary>
/// Azure.Core's default classification (retries 408, 429, 500, 502, 503, 504 and network failures) plus HTTP 529, which the Monitor
/// metrics data plane answers when its backend throttles (migrate-to-batch-api, "529 throttling errors": "implement an exponential
/// backoff retry scheme"). The retry policy then waits as for 429: the back-off, floored by the response's <c>Retry-After</c>.
/// </summary>
internal sealed class ThrottleAwareClassifier : ResponseClassifier
{
    /// <summary>The metrics data plane's throttling status.</summary>
    public const int MetricsThrottled = 529;

    /// <summary>The shared instance (stateless).</summary>
    public static ThrottleAwareClassifier Instance { get; } = new();

    /// <inheritdoc />
    public override bool IsRetriableResponse(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.Response.Status == MetricsThrottled || base.IsRetriableResponse(message);
    }
}
