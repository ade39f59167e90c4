using Azure.Core;
using Azure.Core.Pipeline;
using Optimize.Azure;

namespace Optimize.Emulator.Tests;

/// <summary>
/// The production Azure adapters (<see cref="AzureAdapters.Create"/>) wired to an in-process emulator: their own pipelines,
/// retries and LRO polling, with the emulator's handler as the transport and a fixed token (no credential probing).
/// </summary>
internal static class EmulatedAzure
{
    /// <summary>The adapters on <paramref name="emulator"/>; <paramref name="skipped"/> receives inventory and metrics skips;
    /// <paramref name="configure"/> adjusts the options (page size, clock) before they are validated.</summary>
    public static AzureEngine Create(EmulatorFixture emulator, Action<string>? skipped = null, Action<AzureAdapterOptions>? configure = null)
    {
        var options = new AzureAdapterOptions
        {
            MaxRetries = 3,
            RetryDelay = TimeSpan.FromMilliseconds(1),
            MaxRetryDelay = TimeSpan.FromMilliseconds(10),
            OperationPollInterval = TimeSpan.FromMilliseconds(1),
            Transport = new HttpClientTransport(new HttpClient(emulator.Host.CreateHandler())),
        };
        configure?.Invoke(options);
        return AzureAdapters.Create(new FixedToken(), options, skipped);
    }

    private sealed class FixedToken : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new("emulator-token", DateTimeOffset.UtcNow.AddHours(1));

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new(GetToken(requestContext, cancellationToken));
    }
}
