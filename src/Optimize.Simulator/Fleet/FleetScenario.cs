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
    /// An App Service plan with a bursty workload: a 5-minute burst every 2 hours (4 % of the time) keeps its p95 low, so it
    /// looks over-provisioned, but after any downsize the bursts saturate it (latency ×20+, errors 30 %+): the guards trip and
    /// the change rolls back.
    /// </summary>
    RegressesAfterDownsize,

    /// <summary>An autoscale setting whose scale-out and scale-in thresholds are too close: capacity flaps many times a day.</summary>
    FlappingAutoscale,
}
