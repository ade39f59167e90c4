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

    /// <summary>A pipeline with bearer auth for <paramref name="scope"/> (or none when null), retries and timeouts.</summary>
    public static HttpPipeline Build(TokenCredential? credential, string? scope, AzureAdapterOptions options)
    {
        var clientOptions = new PipelineClientOptions();
        Configure(clientOptions, options);
        HttpPipelinePolicy[] perRetry = credential is null || scope is null
            ? []
            : [new BearerTokenAuthenticationPolicy(credential, scope)];
        return HttpPipelineBuilder.Build(clientOptions, perRetry);
    }

    /// <summary>Options for <see cref="ArmClient"/> (Azure.ResourceManager.Compute) with the same retry and transport.</summary>
    public static ArmClientOptions ArmClientOptions(AzureAdapterOptions options)
    {
        var armOptions = new ArmClientOptions();
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
