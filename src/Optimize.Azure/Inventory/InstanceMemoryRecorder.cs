using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Optimize.Model;
using Optimize.Ports;

namespace Optimize.Azure.Inventory;

/// <summary>
/// Passes inventory items through and remembers each Flex app's instance memory, so the metrics client can report its
/// working set as a percentage of that memory.
/// </summary>
internal sealed class InstanceMemoryRecorder(IInventory inner) : IInventory
{
    private readonly ConcurrentDictionary<string, int> _memoryMb = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The instance memory (MB) last listed for <paramref name="resourceId"/>, or null.</summary>
    public int? InstanceMemoryMb(string resourceId) => _memoryMb.TryGetValue(resourceId, out var mb) ? mb : null;

    /// <inheritdoc />
    public async IAsyncEnumerable<InventoryItem> ListAsync(InventoryScope scope, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var item in inner.ListAsync(scope, cancellationToken).ConfigureAwait(false))
        {
            if (item.Config is FunctionAppConfig flex)
            {
                _memoryMb[item.Resource.Id] = flex.InstanceMemoryMb;
            }

            yield return item;
        }
    }
}
