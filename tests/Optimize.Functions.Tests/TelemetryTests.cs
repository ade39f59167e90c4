using System.Reflection;
using Azure.Identity;
using Microsoft.ApplicationInsights.Extensibility;
using Microsoft.ApplicationInsights.WorkerService;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Optimize.Functions.Tests;

/// <summary>
/// The worker's telemetry carries the managed identity that APPLICATIONINSIGHTS_AUTHENTICATION_STRING names (the value
/// infra/modules/app.bicep sets). The services are built as the host builds them and <see cref="TelemetryConfiguration"/>
/// is resolved; no telemetry is tracked and no token is requested (the telemetry modules that call out are off, and the
/// connection string points at loopback).
/// </summary>
public sealed class TelemetryTests
{
    private const string ClientId = "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b";

    // The Application Insights resource's connection string, pointed at a closed loopback port.
    private const string LoopbackConnection =
        "InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint=http://127.0.0.1:9/;LiveEndpoint=http://127.0.0.1:9/";

    [Fact]
    public async Task AddOptimizeTelemetry_WithBicepAuthenticationString_SetsManagedIdentityCredentialForThatClient()
    {
        // Exactly the format app.bicep writes: 'ClientId=${identity.properties.clientId};Authorization=AAD'. The host
        // configuration is left empty, so only Telemetry can have set the credential.
        var env = Env($"ClientId={ClientId};Authorization=AAD");

        await using var provider = Build(env, hostConfiguration: []);
        var credential = CredentialOf(provider.GetRequiredService<TelemetryConfiguration>());

        var managed = Assert.IsType<ManagedIdentityCredential>(credential);
        Assert.Equal("ClientId " + ClientId, ManagedIdentityOf(managed));
        Assert.Equal(ClientId, provider.GetRequiredService<TelemetryAuthentication>().UserAssignedClientId);
    }

    [Fact]
    public async Task AddOptimizeTelemetry_KeysInAnyCaseAndOrderWithBlanks_SetsSameClient()
    {
        var env = Env($" authorization = aad ; ; CLIENTID = {ClientId.ToUpperInvariant()} ;");

        await using var provider = Build(env, hostConfiguration: []);
        var managed = Assert.IsType<ManagedIdentityCredential>(CredentialOf(provider.GetRequiredService<TelemetryConfiguration>()));

        Assert.Equal("ClientId " + ClientId.ToUpperInvariant(), ManagedIdentityOf(managed));
    }

    [Fact]
    public async Task AddOptimizeTelemetry_AuthorizationOnly_SetsSystemAssignedIdentity()
    {
        await using var provider = Build(Env("Authorization=AAD"), hostConfiguration: []);
        var managed = Assert.IsType<ManagedIdentityCredential>(CredentialOf(provider.GetRequiredService<TelemetryConfiguration>()));

        Assert.Null(provider.GetRequiredService<TelemetryAuthentication>().UserAssignedClientId);
        Assert.DoesNotContain(ClientId, ManagedIdentityOf(managed), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AddOptimizeTelemetry_WithoutAuthenticationString_SetsNoCredential()
    {
        // Local runs: no setting, no Entra authentication (and locally no connection string either).
        await using var provider = Build(Env(null), hostConfiguration: []);

        Assert.Null(CredentialOf(provider.GetRequiredService<TelemetryConfiguration>()));
        Assert.Null(provider.GetService<TelemetryAuthentication>());
    }

    [Fact]
    public async Task AddOptimizeTelemetry_SameStringInHostConfiguration_WorkerSetupAndOursAgree()
    {
        // In Azure the host configuration holds the app settings too, so the worker package's own setup
        // (TelemetryConfigurationSetup) also sets a credential; ours is applied after it and names the same identity.
        var value = $"ClientId={ClientId};Authorization=AAD";

        await using var provider = Build(Env(value), hostConfiguration: new() { [Telemetry.AuthenticationSetting] = value });
        var managed = Assert.IsType<ManagedIdentityCredential>(CredentialOf(provider.GetRequiredService<TelemetryConfiguration>()));

        Assert.Equal("ClientId " + ClientId, ManagedIdentityOf(managed));
    }

    [Fact]
    public async Task WorkerPackageAlone_WithAuthenticationStringInConfiguration_SetsManagedIdentityCredential()
    {
        // What the comment in Telemetry.cs cites: Microsoft.Azure.Functions.Worker.ApplicationInsights 2.51.0 reads the
        // setting in ConfigureFunctionsApplicationInsights(). If a later version stops doing so, this test says so.
        var services = HostServices(new() { [Telemetry.AuthenticationSetting] = $"ClientId={ClientId};Authorization=AAD" });
        services.AddApplicationInsightsTelemetryWorkerService().ConfigureFunctionsApplicationInsights();
        QuietModules(services);

        await using var provider = services.BuildServiceProvider();
        var managed = Assert.IsType<ManagedIdentityCredential>(CredentialOf(provider.GetRequiredService<TelemetryConfiguration>()));

        Assert.Equal("ClientId " + ClientId, ManagedIdentityOf(managed));
    }

    [Theory]
    [InlineData("Authorization=Key", "only 'AAD'")]
    [InlineData("ClientId=6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b", "'Authorization=AAD' is missing")]
    [InlineData("Authorization=AAD;ClientId=my-identity", "not a GUID")]
    [InlineData("Authorization=AAD;ClientId=", "not a GUID")]
    [InlineData("Authorization=AAD;Client_Id=6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b", "unknown key 'Client_Id'")]
    [InlineData("Authorization=AAD;Authorization=AAD", "more than once")]
    [InlineData("AAD", "not a key=value pair")]
    public void AddOptimizeTelemetry_MalformedAuthenticationString_ThrowsNamingSettingAndRegistersNothing(string value, string reason)
    {
        var services = new ServiceCollection();

        var error = Assert.Throws<InvalidOperationException>(() => Telemetry.AddOptimizeTelemetry(services, Env(value)));

        Assert.StartsWith(Telemetry.AuthenticationSetting + " is invalid: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Empty(services);
    }

    private static Func<string, string?> Env(string? authentication) => name => name switch
    {
        Telemetry.AuthenticationSetting => authentication,
        "APPLICATIONINSIGHTS_CONNECTION_STRING" => LoopbackConnection,
        _ => null,
    };

    private static ServiceProvider Build(Func<string, string?> env, Dictionary<string, string?> hostConfiguration)
    {
        var services = HostServices(hostConfiguration);
        Telemetry.AddOptimizeTelemetry(services, env);
        QuietModules(services);
        return services.BuildServiceProvider();
    }

    // The host always registers its configuration; the Application Insights connection string is in it in Azure.
    private static ServiceCollection HostServices(Dictionary<string, string?> values)
    {
        values["APPLICATIONINSIGHTS_CONNECTION_STRING"] = LoopbackConnection;
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        return services;
    }

    // Modules that send on their own (live metrics, heartbeats, counters) or read the Azure instance metadata endpoint
    // are turned off: the test resolves the configuration and nothing else, so no token is ever requested.
    private static void QuietModules(IServiceCollection services) =>
        services.Configure<ApplicationInsightsServiceOptions>(options =>
        {
            options.EnableQuickPulseMetricStream = false;
            options.EnableAzureInstanceMetadataTelemetryModule = false;
            options.EnableAppServicesHeartbeatTelemetryModule = false;
            options.EnableHeartbeat = false;
            options.EnablePerformanceCounterCollectionModule = false;
            options.EnableEventCounterCollectionModule = false;
            options.EnableDependencyTrackingTelemetryModule = false;
        });

    /// <summary>
    /// The credential <c>SetAzureTokenCredential</c> stored. Microsoft.ApplicationInsights 2.23.0 keeps it in the internal
    /// <c>TelemetryConfiguration.CredentialEnvelope</c> (a <c>ReflectionCredentialEnvelope</c> with a <c>Credential</c>
    /// property) and has no public getter; if a later version renames them, this fails with that message.
    /// </summary>
    private static object? CredentialOf(TelemetryConfiguration configuration)
    {
        var envelope = NonPublic(typeof(TelemetryConfiguration), "CredentialEnvelope").GetValue(configuration);
        return envelope is null ? null : NonPublic(envelope.GetType(), "Credential").GetValue(envelope);
    }

    /// <summary>
    /// Which identity a <see cref="ManagedIdentityCredential"/> asks for, without asking: Azure.Identity 1.21.0 keeps the
    /// <see cref="ManagedIdentityId"/> on its internal <c>Client</c> (<c>ManagedIdentityClient.ManagedIdentityId</c>),
    /// whose text is <c>ClientId &lt;id&gt;</c> for a user-assigned client id.
    /// </summary>
    private static string ManagedIdentityOf(ManagedIdentityCredential credential)
    {
        var client = NonPublic(typeof(ManagedIdentityCredential), "Client").GetValue(credential)
            ?? throw new InvalidOperationException("ManagedIdentityCredential.Client is null.");
        return NonPublic(client.GetType(), "ManagedIdentityId").GetValue(client)?.ToString()
            ?? throw new InvalidOperationException("ManagedIdentityClient.ManagedIdentityId is null.");
    }

    private static PropertyInfo NonPublic(Type type, string name) =>
        type.GetProperty(name, BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)
        ?? throw new InvalidOperationException($"{type.FullName} has no property {name}: the SDK's internals changed; update TelemetryTests.");
}
