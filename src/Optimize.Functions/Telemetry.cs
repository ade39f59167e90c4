using Azure.Core;
using Azure.Identity;
using Microsoft.ApplicationInsights.Extensibility;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace Optimize.Functions;

/// <summary>
/// The worker's Application Insights telemetry, authenticated with Microsoft Entra ID: the component has local
/// (instrumentation-key) auth disabled, so unauthenticated telemetry is refused by the ingestion endpoint.
/// </summary>
/// <remarks>
/// <para>
/// The supported way for the Application Insights SDK (Microsoft.ApplicationInsights 2.x, which
/// Microsoft.ApplicationInsights.WorkerService 2.23.0 uses) is <c>TelemetryConfiguration.SetAzureTokenCredential</c>
/// with an <c>Azure.Core.TokenCredential</c> (microsoft/ApplicationInsights-dotnet,
/// BASE/src/Microsoft.ApplicationInsights/Extensibility/TelemetryConfiguration.cs; API reference "TelemetryConfiguration.
/// SetAzureTokenCredential(Object)"): the channel then sends a bearer token for the Monitoring Metrics Publisher role.
/// </para>
/// <para>
/// The setting is the one the Functions host reads for its own telemetry, <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c>
/// = <c>Authorization=AAD;ClientId=&lt;user-assigned identity client id&gt;</c> (infra/modules/app.bicep). The isolated
/// worker package Microsoft.Azure.Functions.Worker.ApplicationInsights 2.51.0 reads the same setting in
/// <c>ConfigureFunctionsApplicationInsights()</c> (Azure/azure-functions-dotnet-worker,
/// src/DotNetWorker.ApplicationInsights/Initializers/TelemetryConfigurationSetup.cs and TokenCredentialOptions.cs: it
/// calls <c>SetAzureTokenCredential(new ManagedIdentityCredential(clientId))</c>). This class sets the credential
/// itself, after the worker's setup, so that (1) the identity does not depend on an internal class of that package or
/// on the value being in <c>IConfiguration</c>, (2) a malformed value stops the host at startup with a message naming
/// the setting instead of failing when telemetry is first configured, and (3) a test can check what is applied.
/// Both derive the same credential from the same setting.
/// </para>
/// <para>Constructing a <see cref="ManagedIdentityCredential"/> makes no network call; a token is requested only when
/// telemetry is sent.</para>
/// </remarks>
internal static class Telemetry
{
    /// <summary>The app setting shared with the Functions host.</summary>
    public const string AuthenticationSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    /// <summary>
    /// Adds Application Insights for the worker (<c>AddApplicationInsightsTelemetryWorkerService</c> +
    /// <c>ConfigureFunctionsApplicationInsights</c>) and, when <see cref="AuthenticationSetting"/> is set, the managed
    /// identity credential it names.
    /// </summary>
    /// <param name="services">The worker's services.</param>
    /// <param name="env">Reads one setting (environment variable); null when unset.</param>
    /// <returns><paramref name="services"/>.</returns>
    /// <exception cref="InvalidOperationException">The setting is malformed; nothing was registered.</exception>
    public static IServiceCollection AddOptimizeTelemetry(IServiceCollection services, Func<string, string?> env)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(env);

        var parsed = TelemetryAuthentication.Parse(env(AuthenticationSetting));
        if (parsed.Error is not null)
        {
            throw new InvalidOperationException(AuthenticationSetting + " is invalid: " + parsed.Error);
        }

        services
            .AddApplicationInsightsTelemetryWorkerService()
            .ConfigureFunctionsApplicationInsights();

        if (parsed.Value is { } authentication)
        {
            var credential = authentication.CreateCredential();
            services.AddSingleton(authentication);
            services.Configure<TelemetryConfiguration>(configuration => configuration.SetAzureTokenCredential(credential));
        }

        return services;
    }
}

/// <summary>Entra authentication of telemetry, as <see cref="Telemetry.AuthenticationSetting"/> states it.</summary>
internal sealed record TelemetryAuthentication
{
    /// <summary>Client id of the user-assigned identity; null: the system-assigned identity.</summary>
    public string? UserAssignedClientId { get; init; }

    /// <summary>The managed identity credential (no token is requested here).</summary>
    public TokenCredential CreateCredential() => new ManagedIdentityCredential(
        UserAssignedClientId is { } clientId ? ManagedIdentityId.FromUserAssignedClientId(clientId) : ManagedIdentityId.SystemAssigned);

    /// <summary>
    /// Parses <c>Authorization=AAD[;ClientId=&lt;guid&gt;]</c> (keys case-insensitive, in any order, blanks ignored)
    /// like the Functions host and worker do, but also refuses unknown or repeated keys: a misspelt <c>ClientId</c>
    /// would otherwise select the system-assigned identity silently.
    /// </summary>
    /// <param name="value">The setting; null or blank: no Entra authentication (local runs).</param>
    /// <returns>The authentication, none, or the reason the value is refused.</returns>
    public static (TelemetryAuthentication? Value, string? Error) Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return (null, null);
        }

        var pairs = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var token in value.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = token.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                return (null, $"'{token}' is not a key=value pair; expected 'Authorization=AAD;ClientId=<client id>'.");
            }

            var key = token[..equals].Trim();
            if (!key.Equals("Authorization", StringComparison.OrdinalIgnoreCase) && !key.Equals("ClientId", StringComparison.OrdinalIgnoreCase))
            {
                return (null, $"unknown key '{key}'; the keys are Authorization and ClientId.");
            }

            if (!pairs.TryAdd(key, token[(equals + 1)..].Trim()))
            {
                return (null, $"key '{key}' appears more than once.");
            }
        }

        if (!pairs.TryGetValue("Authorization", out var authorization))
        {
            return (null, "'Authorization=AAD' is missing.");
        }

        if (!authorization.Equals("AAD", StringComparison.OrdinalIgnoreCase))
        {
            return (null, $"Authorization is '{authorization}'; only 'AAD' (Microsoft Entra ID) is supported.");
        }

        if (pairs.TryGetValue("ClientId", out var clientId) && !Guid.TryParse(clientId, out _))
        {
            return (null, $"ClientId '{clientId}' is not a GUID (the user-assigned identity's client id).");
        }

        return (new TelemetryAuthentication { UserAssignedClientId = clientId }, null);
    }
}
