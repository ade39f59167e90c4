using Optimize.Changes;
using Optimize.Model;
using Optimize.Ports;

namespace Optimize.Azure.Configuration;

/// <summary>The composite <see cref="IConfigurationClient"/>: routes each call to the client of the resource's kind.</summary>
public sealed class ConfigurationRouter : IConfigurationClient
{
    private readonly IReadOnlyDictionary<ResourceKind, IConfigurationClient> _clients;

    /// <summary>Creates the router.</summary>
    /// <param name="clients">One client per kind; kinds without a client fail reads and applies as invalid-target.</param>
    public ConfigurationRouter(IReadOnlyDictionary<ResourceKind, IConfigurationClient> clients)
    {
        ArgumentNullException.ThrowIfNull(clients);
        _clients = clients;
    }

    /// <inheritdoc />
    public Task<ConfigurationRead> ReadAsync(ResourceRef resource, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return _clients.TryGetValue(resource.Kind, out var client)
            ? client.ReadAsync(resource, cancellationToken)
            : Task.FromResult(ConfigurationRead.Fail(ChangeFailureKinds.InvalidTarget, $"No configuration client for {resource.Kind}."));
    }

    /// <inheritdoc />
    public Task<ApplyResult> ApplyAsync(ResourceRef resource, ResourceConfig target, bool allowDeallocation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return _clients.TryGetValue(resource.Kind, out var client)
            ? client.ApplyAsync(resource, target, allowDeallocation, cancellationToken)
            : Task.FromResult(ApplyResult.Fail(ChangeFailureKinds.InvalidTarget, $"No configuration client for {resource.Kind}."));
    }
}
