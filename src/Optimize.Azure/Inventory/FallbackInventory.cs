using System.Runtime.CompilerServices;
using Optimize.Azure.Http;
using Optimize.Model;
using Optimize.Ports;

namespace Optimize.Azure.Inventory;

/// <summary>
/// Lists with the primary inventory (Resource Graph) and switches to the fallback (ARM list calls) when the primary is refused
/// with HTTP 403 before it yielded anything.
/// </summary>
public sealed class FallbackInventory : IInventory
{
    private readonly IInventory _primary;
    private readonly IInventory _fallback;

    /// <summary>Creates the composite.</summary>
    public FallbackInventory(IInventory primary, IInventory fallback)
    {
        ArgumentNullException.ThrowIfNull(primary);
        ArgumentNullException.ThrowIfNull(fallback);
        _primary = primary;
        _fallback = fallback;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<InventoryItem> ListAsync(InventoryScope scope, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var useFallback = false;
        await using (var e = _primary.ListAsync(scope, cancellationToken).GetAsyncEnumerator(cancellationToken))
        {
            var first = true;
            while (true)
            {
                bool moved;
                try
                {
                    moved = await e.MoveNextAsync().ConfigureAwait(false);
                }
                catch (AzureCallException ex) when (first && ex.Status == 403)
                {
                    useFallback = true;
                    break;
                }

                if (!moved)
                {
                    break;
                }

                first = false;
                yield return e.Current;
            }
        }

        if (useFallback)
        {
            await foreach (var item in _fallback.ListAsync(scope, cancellationToken).ConfigureAwait(false))
            {
                yield return item;
            }
        }
    }
}
