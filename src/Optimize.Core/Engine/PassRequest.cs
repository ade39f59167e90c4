using Optimize.Policy;
using Optimize.Ports;

namespace Optimize.Engine;

/// <summary>What one pass should do.</summary>
/// <param name="Trigger"><c>nightly</c>, <c>manual</c>, <c>demo</c>, <c>plan</c> or <c>backtest</c>.</param>
/// <param name="Policy">A validated policy.</param>
/// <param name="Scope">Where to inventory.</param>
/// <param name="ReadOnly">True for <c>optimize plan</c>: decide and report, journal nothing, plan no change.</param>
/// <param name="PassId">Id to use; null makes one from the start time.</param>
public sealed record PassRequest(string Trigger, OptimizePolicy Policy, InventoryScope Scope, bool ReadOnly = false, string? PassId = null);
