using Optimize.Changes;
using Optimize.Model;
using Optimize.Ports;

namespace Optimize.Tests.Workflow.Fakes;

/// <summary>Resource configurations in memory, with a history by time so metrics can depend on the configuration
/// at a point in time, and scriptable failures.</summary>
internal sealed class FakeConfigurationClient(TimeProvider time) : IConfigurationClient
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<(DateTimeOffset At, ResourceConfig Config)>> _history = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Called before every apply; return a result to replace the write (the configuration then stays as is).</summary>
    public Func<ResourceConfig, ApplyResult?>? OnApply { get; set; }

    /// <summary>Called before every read with the current configuration; return a read to replace it (a failure or a
    /// stale configuration).</summary>
    public Func<ResourceConfig, ConfigurationRead?>? OnRead { get; set; }

    /// <summary>Reads fail with this while set.</summary>
    public ChangeFailure? ReadFailure { get; set; }

    /// <summary>Every target applied (including refused ones), in order.</summary>
    public List<ResourceConfig> Applies { get; } = [];

    public void Set(string resourceId, ResourceConfig config)
    {
        lock (_gate)
        {
            if (!_history.TryGetValue(resourceId, out var list))
            {
                list = [];
                _history[resourceId] = list;
            }

            list.Add((time.GetUtcNow(), config));
        }
    }

    public ResourceConfig Current(string resourceId)
    {
        lock (_gate)
        {
            return _history[resourceId][^1].Config;
        }
    }

    public ResourceConfig At(string resourceId, DateTimeOffset at)
    {
        lock (_gate)
        {
            var list = _history[resourceId];
            return list.LastOrDefault(h => h.At <= at).Config ?? list[0].Config;
        }
    }

    public Task<ConfigurationRead> ReadAsync(ResourceRef resource, CancellationToken cancellationToken = default) =>
        Task.FromResult(
            ReadFailure is { } f ? new ConfigurationRead(null, f)
            : OnRead?.Invoke(Current(resource.Id)) ?? ConfigurationRead.Ok(Current(resource.Id)));

    public Task<ApplyResult> ApplyAsync(ResourceRef resource, ResourceConfig target, bool allowDeallocation, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            Applies.Add(target);
        }

        if (OnApply?.Invoke(target) is { } overridden)
        {
            return Task.FromResult(overridden);
        }

        if (Current(resource.Id) != target)
        {
            Set(resource.Id, target);
        }

        return Task.FromResult(ApplyResult.Ok(Current(resource.Id)));
    }
}
