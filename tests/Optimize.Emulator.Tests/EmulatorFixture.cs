using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Optimize.Catalog;

namespace Optimize.Emulator.Tests;

/// <summary>An in-process emulator and an HttpClient on it, for one test.</summary>
internal sealed class EmulatorFixture : IAsyncDisposable
{
    private EmulatorFixture(EmulatorHost host, HttpClient client)
    {
        Host = host;
        Client = client;
    }

    public EmulatorHost Host { get; }

    /// <summary>A client with a bearer token (any token: the emulator checks that one is sent).</summary>
    public HttpClient Client { get; }

    public EmulatorWorld World => Host.World;

    /// <summary>
    /// Starts an emulator with the contract check on (<see cref="EmulatorOptions.ContractDirectory"/> = ../shared/azure-contract
    /// when present and the options name none): every request and response is held to the published specs.
    /// </summary>
    public static async Task<EmulatorFixture> StartAsync(EmulatorOptions? options = null)
    {
        options ??= new EmulatorOptions();
        options = options.ContractDirectory is null ? options with { ContractDirectory = Contract.ContractKit.PackOrNull() } : options;
        var host = await EmulatorHost.StartInProcessAsync(options, BuiltInCatalog.Default, TestContext.Current.CancellationToken);
        var client = new HttpClient(host.CreateHandler()) { BaseAddress = new Uri("https://management.azure.com") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "emulator-test-token");
        return new EmulatorFixture(host, client);
    }

    public async Task<(int Status, JsonNode? Json)> GetAsync(string pathAndQuery)
    {
        using var response = await Client.GetAsync(new Uri(pathAndQuery, UriKind.RelativeOrAbsolute), TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return ((int)response.StatusCode, string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
    }
}
