using Microsoft.AspNetCore.Builder;

namespace Optimize.Emulator.Hosting;

/// <summary>Endpoint metadata: the operationId of the published REST spec an endpoint serves (the request log's key, the contract's lookup).</summary>
/// <param name="OperationId">For example <c>VirtualMachines_Get</c>, <c>WebApps_Update</c>, <c>Batch</c>.</param>
/// <param name="Plane">Which token audience and throttling the operation falls under.</param>
public sealed record AzureOperation(string OperationId, AzurePlane Plane = AzurePlane.Arm);

/// <summary>The Azure surfaces the emulator serves.</summary>
public enum AzurePlane
{
    /// <summary>Azure Resource Manager (management.azure.com), bearer token required, ARM throttling.</summary>
    Arm,

    /// <summary>The Monitor metrics data plane ({region}.metrics.monitor.azure.com), bearer token required.</summary>
    MetricsDataPlane,

    /// <summary>The Retail Prices API (prices.azure.com): anonymous.</summary>
    Prices,
}

/// <summary>Attaches <see cref="AzureOperation"/> to an endpoint.</summary>
public static class AzureOperationExtensions
{
    /// <summary>Names the operationId this endpoint serves.</summary>
    public static TBuilder Operation<TBuilder>(this TBuilder builder, string operationId, AzurePlane plane = AzurePlane.Arm)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AzureOperation(operationId, plane));
}
