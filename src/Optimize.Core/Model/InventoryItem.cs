namespace Optimize.Model;

/// <summary>One resource found in scope, with its configuration at the time it was read.</summary>
/// <param name="Resource">The resource.</param>
/// <param name="Config">Its current changeable configuration.</param>
public sealed record InventoryItem(ResourceRef Resource, ResourceConfig Config)
{
    /// <summary>The configuration kind must match the resource kind.</summary>
    public ResourceRef Resource { get; } = Resource.Kind == Config.Kind
        ? Resource
        : throw new ArgumentException($"Configuration of kind {Config.Kind} does not fit resource {Resource.Id} of kind {Resource.Kind}.", nameof(Config));
}
