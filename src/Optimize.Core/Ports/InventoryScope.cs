using Optimize.Model;

namespace Optimize.Ports;

/// <summary>Where to look: subscriptions, optionally narrowed to resource groups, for some kinds.</summary>
/// <param name="Subscriptions">Subscription ids (at least one).</param>
/// <param name="ResourceGroups">Resource group names; empty means all.</param>
/// <param name="Kinds">Kinds to list; empty means all five.</param>
public sealed record InventoryScope(IReadOnlyList<string> Subscriptions, IReadOnlyList<string> ResourceGroups, IReadOnlyList<ResourceKind> Kinds);
