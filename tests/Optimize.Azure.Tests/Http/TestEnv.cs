using Azure.Core;
using Azure.ResourceManager;
using Optimize.Azure.Http;

namespace Optimize.Azure.Tests.Http;

/// <summary>Builds adapters on a <see cref="RecordedTransport"/> with tiny retry delays and no polling waits.</summary>
internal sealed class TestEnv
{
    public TestEnv(int maxRetries = 2, Action<AzureAdapterOptions>? configure = null)
    {
        Options = new AzureAdapterOptions
        {
            Transport = Transport,
            MaxRetries = maxRetries,
            RetryDelay = TimeSpan.FromMilliseconds(1),
            MaxRetryDelay = TimeSpan.FromMilliseconds(50),
            OperationPollInterval = TimeSpan.Zero,
            NetworkTimeout = TimeSpan.FromSeconds(10),
        };
        configure?.Invoke(Options);
        Options.Validate();
    }

    public RecordedTransport Transport { get; } = new();

    public FakeCredential Credential { get; } = new();

    public AzureAdapterOptions Options { get; }

    public AzureHttp Arm() => new(AzurePipelines.Build(Credential, AzurePipelines.ArmScope, Options), Options);

    public AzureHttp MetricsPlane() => new(AzurePipelines.Build(Credential, AzurePipelines.MetricsScope, Options), Options);

    public AzureHttp Anonymous() => new(AzurePipelines.Build(null, null, Options), Options);

    public ArmClient ArmClient() => new(Credential, "00000000-0000-0000-0000-000000000000", AzurePipelines.ArmClientOptions(Options));
}
