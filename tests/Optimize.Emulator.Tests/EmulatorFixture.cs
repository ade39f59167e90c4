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

    public static async Task<EmulatorFixture> StartAsync(EmulatorOptions? options = null)
    {
        var host = await EmulatorHost.StartInProcessAsync(options ?? new EmulatorOptions(), BuiltInCatalog.Default, TestContext.Current.CancellationToken);
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
