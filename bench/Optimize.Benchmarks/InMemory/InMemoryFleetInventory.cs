using System.Runtime.CompilerServices;
using Optimize.Model;
using Optimize.Ports;
using Optimize.Simulator.Fleet;

namespace Optimize.Benchmarks.InMemory;

/// <summary>A pure-engine, in-memory <see cref="IInventory"/> over a simulated fleet, for benchmarks of the engine alone (moved here
/// from the simulator's former port-level inventory; the product path lists through the Azure adapters): every resource in scope with its configuration at the clock's now; a plan
/// with the sites hosted on it (<see cref="SimulatedFleet.HostedSites"/>).</summary>
internal sealed class InMemoryFleetInventory : IInventory
{
    private readonly SimulatedFleet _fleet;
    private readonly TimeProvider _time;

    /// <summary>Lists <paramref name="fleet"/>; configurations are read at <paramref name="time"/>'s now.</summary>
    public InMemoryFleetInventory(SimulatedFleet fleet, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        ArgumentNullException.ThrowIfNull(time);
        _fleet = fleet;
        _time = time;
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The scope names no subscription.</exception>
    public IAsyncEnumerable<InventoryItem> ListAsync(InventoryScope scope, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (scope.Subscriptions is null || scope.Subscriptions.Count == 0)
        {
            throw new ArgumentException("The inventory scope must name at least one subscription.", nameof(scope));
        }

        return List(scope, cancellationToken);
    }

    private async IAsyncEnumerable<InventoryItem> List(InventoryScope scope, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask.ConfigureAwait(false);
        var subscriptions = new HashSet<string>(scope.Subscriptions, StringComparer.OrdinalIgnoreCase);
        var groups = new HashSet<string>(scope.ResourceGroups ?? [], StringComparer.OrdinalIgnoreCase);
        var kinds = scope.Kinds is { Count: > 0 } k ? new HashSet<ResourceKind>(k) : null;
        var now = _time.GetUtcNow();
        foreach (var resource in _fleet.Resources)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var r = resource.Resource;
            if (subscriptions.Contains(r.SubscriptionId)
                && (groups.Count == 0 || groups.Contains(r.ResourceGroup))
                && (kinds is null || kinds.Contains(r.Kind)))
            {
                // A plan carries the sites hosted on it, as the Azure inventory fills them from the sites' serverFarmId.
                var listed = r.Kind == ResourceKind.AppServicePlan ? r with { HostedSites = _fleet.HostedSites(resource) } : r;
                yield return new InventoryItem(listed, _fleet.ConfigAt(resource, now));
            }
        }
    }
}
