using Optimize.Azure.Http;
using Optimize.Changes;
using Optimize.Model;
using Optimize.Ports;

namespace Optimize.Azure.Configuration;

/// <summary>
/// The shared apply shape of the per-kind clients: read, skip when already there, write only what changes, wait, read back
/// and check; any <see cref="AzureCallException"/> becomes a typed failure.
/// </summary>
/// <typeparam name="TConfig">The configuration record of the kind.</typeparam>
internal abstract class ConfigurationClientBase<TConfig> : IConfigurationClient
    where TConfig : ResourceConfig
{
    /// <summary>The kind this client serves.</summary>
    protected abstract ResourceKind Kind { get; }

    /// <inheritdoc />
    public async Task<ConfigurationRead> ReadAsync(ResourceRef resource, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (resource.Kind != Kind)
        {
            return ConfigurationRead.Fail(ChangeFailureKinds.InvalidTarget, $"{GetType().Name} reads {Kind}, not {resource.Kind} ({resource.Id}).");
        }

        try
        {
            var (config, unsettled) = await ReadSettledAsync(resource, cancellationToken).ConfigureAwait(false);
            return unsettled is null
                ? ConfigurationRead.Ok(config)
                : ConfigurationRead.Fail(ChangeFailureKinds.Conflict,
                    $"{resource.Kind} {resource.Id} reads {config.Describe()} but does not run it yet: {unsettled} A change starts only from a configuration in effect; it can start once the rollout finishes.");
        }
        catch (AzureCallException ex)
        {
            return new ConfigurationRead(null, ex.Failure);
        }
        catch (Exception ex) when (IsShapeError(ex))
        {
            return new ConfigurationRead(null, ArmErrorMapper.FromException(ex, $"Reading {resource.Kind} {resource.Id}", string.Empty));
        }
    }

    /// <inheritdoc />
    public async Task<ApplyResult> ApplyAsync(ResourceRef resource, ResourceConfig target, bool allowDeallocation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(target);
        if (target is not TConfig typed || resource.Kind != Kind)
        {
            return ApplyResult.Fail(ChangeFailureKinds.InvalidTarget, $"{GetType().Name} applies {typeof(TConfig).Name} to {Kind}, got {target.GetType().Name} for {resource.Kind}.");
        }

        TConfig? current = null;
        try
        {
            current = await ReadCoreAsync(resource, cancellationToken).ConfigureAwait(false);
            // An autoscaled scale set or plan keeps the capacity autoscale chose: only the SKU is written and checked.
            typed = (TConfig)AutoscaledCapacity.Pin(resource, current, typed);
            if (current == typed && await InEffectAsync(resource, typed, cancellationToken).ConfigureAwait(false))
            {
                return ApplyResult.Ok(current);
            }

            var refused = await WriteCoreAsync(resource, current, typed, allowDeallocation, cancellationToken).ConfigureAwait(false);
            if (refused is not null)
            {
                return new ApplyResult(current, refused);
            }

            var (observed, problem) = await ReadBackAsync(resource, typed, cancellationToken).ConfigureAwait(false);
            return observed != typed
                ? ApplyResult.Fail(ChangeFailureKinds.OperationFailed, $"Read back {observed.Describe()} after applying {typed.Describe()} to {resource.Id}.", observed)
                : problem is not null
                    ? ApplyResult.Fail(ChangeFailureKinds.OperationFailed, $"Applying {typed.Describe()} to {resource.Id}: {problem}", observed)
                    : ApplyResult.Ok(observed);
        }
        catch (AzureCallException ex)
        {
            return new ApplyResult(current, ex.Failure);
        }
        catch (Exception ex) when (IsShapeError(ex))
        {
            return new ApplyResult(current, ArmErrorMapper.FromException(ex, $"Applying {typed.Describe()} to {resource.Id}", string.Empty));
        }
    }

    /// <summary>A response that parsed but lacks what the projection needs (missing or mistyped fields).</summary>
    private static bool IsShapeError(Exception ex) =>
        ex is FormatException or KeyNotFoundException or System.Text.Json.JsonException or ArgumentException
        || (ex is InvalidOperationException && ex is not AzureCallException);

    /// <summary>Reads the configuration; throws <see cref="AzureCallException"/>.</summary>
    protected abstract Task<TConfig> ReadCoreAsync(ResourceRef resource, CancellationToken cancellationToken);

    /// <summary>
    /// The read a change starts from (<see cref="ReadAsync"/>): the configuration and, when the resource does not run it in full
    /// (scale set instances behind the model, mid-rollout), why; by default <see cref="ReadCoreAsync"/> and nothing unsettled.
    /// </summary>
    protected virtual async Task<(TConfig Config, string? Unsettled)> ReadSettledAsync(ResourceRef resource, CancellationToken cancellationToken) =>
        (await ReadCoreAsync(resource, cancellationToken).ConfigureAwait(false), null);

    /// <summary>
    /// Whether a resource whose configuration already reads as <paramref name="target"/> runs it in full (by default yes, with no
    /// call); false sends it through the write, which then finishes what is pending (scale set instances on an older model).
    /// </summary>
    protected virtual Task<bool> InEffectAsync(ResourceRef resource, TConfig target, CancellationToken cancellationToken) => Task.FromResult(true);

    /// <summary>
    /// The read after a write: the configuration and, when the resource does not yet run it in full (for example scale set
    /// instances still on the old model), why; by default <see cref="ReadCoreAsync"/> and no problem.
    /// </summary>
    protected virtual async Task<(TConfig Observed, string? Problem)> ReadBackAsync(ResourceRef resource, TConfig target, CancellationToken cancellationToken) =>
        (await ReadCoreAsync(resource, cancellationToken).ConfigureAwait(false), null);

    /// <summary>Writes what differs and waits; returns a refusal (for example invalid-target) or null; throws <see cref="AzureCallException"/>.</summary>
    protected abstract Task<ChangeFailure?> WriteCoreAsync(ResourceRef resource, TConfig current, TConfig target, bool allowDeallocation, CancellationToken cancellationToken);
}
