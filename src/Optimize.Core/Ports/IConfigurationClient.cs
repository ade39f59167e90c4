using Optimize.Changes;
using Optimize.Model;

namespace Optimize.Ports;

/// <summary>Port: reads and writes the changeable configuration of a resource, whatever its kind.</summary>
public interface IConfigurationClient
{
    /// <summary>Reads the current configuration. Returns a failure (not-found, forbidden, transient) as data.</summary>
    Task<ConfigurationRead> ReadAsync(ResourceRef resource, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes <paramref name="target"/> (only what differs from the current configuration), waits for the long-running
    /// operation, then reads the configuration back. Idempotent: applying the configuration a resource already has succeeds
    /// without a write. Conflicts, throttling, refused targets and failed operations come back as <see cref="ApplyResult.Failure"/>.
    /// </summary>
    /// <param name="resource">The resource.</param>
    /// <param name="target">The configuration to reach.</param>
    /// <param name="allowDeallocation">A VM resize that needs deallocation may deallocate; otherwise it is refused as invalid-target.</param>
    /// <param name="cancellationToken">Cancels the wait, not the operation already accepted by Azure.</param>
    Task<ApplyResult> ApplyAsync(ResourceRef resource, ResourceConfig target, bool allowDeallocation, CancellationToken cancellationToken = default);
}

/// <summary>The result of reading a configuration.</summary>
/// <param name="Config">The configuration, null on failure.</param>
/// <param name="Failure">Null on success.</param>
public sealed record ConfigurationRead(ResourceConfig? Config, ChangeFailure? Failure)
{
    /// <summary>A successful read.</summary>
    public static ConfigurationRead Ok(ResourceConfig config) => new(config, null);

    /// <summary>A failed read.</summary>
    public static ConfigurationRead Fail(string kind, string message) => new(null, new ChangeFailure(kind, message));
}
