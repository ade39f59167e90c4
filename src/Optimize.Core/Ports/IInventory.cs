using Optimize.Model;

namespace Optimize.Ports;

/// <summary>Port: lists the resources in scope with their current configuration.</summary>
public interface IInventory
{
    /// <summary>Streams every resource of the scope's kinds. Order is not specified.</summary>
    /// <remarks>Throws <see cref="InvalidOperationException"/> with a message naming the failing call and, for HTTP 403,
    /// the missing permission. Resources whose configuration cannot be read are skipped by the adapter with a logged reason.</remarks>
    IAsyncEnumerable<InventoryItem> ListAsync(InventoryScope scope, CancellationToken cancellationToken = default);
}
