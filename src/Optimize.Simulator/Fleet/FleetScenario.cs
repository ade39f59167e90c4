namespace Optimize.Simulator.Fleet;

/// <summary>What a simulated resource was designed to show; the engine never sees it, the demo and tests may.</summary>
public enum FleetScenario
{
    /// <summary>Far bigger than its demand: a downsize is safe.</summary>
    OverProvisioned,

    /// <summary>Sized about right: nothing to do.</summary>
    RightSized,

    /// <summary>Under-provisioned: high utilization, saturated at peaks (memory exhaustion for some Function Apps).</summary>
    UnderProvisioned,

    /// <summary>Over-provisioned, but its metrics have gaps (about 60 % coverage, NaN in hourly chunks).</summary>
    BadData,

    /// <summary>Runs a size the catalog does not know (<c>Standard_X99_v9</c>).</summary>
    UnknownSku,

    /// <summary>
    /// A bursty workload that hourly history hides, so a downsize looks safe and regresses: the guards (5-minute points) trip
    /// and the change rolls back. An App Service plan: a 5-minute burst every 2 hours (4 % of the time) saturates it after any
    /// downsize (latency ×20+, errors 30 %+). A VM or scale set: a 15-minute job every 2 hours adding 60 % of its vCPUs
    /// (cpu p95 100 after a halving). A Flex app: a 15-minute job every 2 hours loading half its instance memory (memory
    /// exhausted after a halving). An autoscale setting (minimum 5): its target's 20-minute job every third hour fits 5
    /// instances; after a lower minimum, the rule's 10-minute window and 5-minute cooldown leave the job's first points at 100 %.
    /// </summary>
    RegressesAfterDownsize,

    /// <summary>An autoscale setting whose scale-out and scale-in thresholds are too close: capacity flaps many times a day.</summary>
    FlappingAutoscale,
}
