using Optimize.Model;

namespace Optimize.Simulator.Fleet;

/// <summary>One write recorded in a resource's configuration history.</summary>
/// <param name="At">When it took effect (the injected clock's now at the write).</param>
/// <param name="Config">The configuration in force from then on.</param>
/// <param name="OperationDuration">How long the simulated long-running operation took (2–10 virtual minutes; not waited for).</param>
/// <param name="Restarted">The write restarted the resource (VM resize): errors spike for two 5-minute steps.</param>
public sealed record ConfigChange(DateTimeOffset At, ResourceConfig Config, TimeSpan OperationDuration, bool Restarted);
