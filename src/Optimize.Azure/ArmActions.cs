namespace Optimize.Azure;

/// <summary>
/// Every Azure RBAC action the adapters in this assembly need. Each client names the constants it uses, and the
/// infra tests check that the custom "Optimize Operator" role in <c>infra/</c> grants exactly
/// <see cref="OperatorRole"/>: no more, no fewer. Metric reads are granted by the built-in Monitoring Reader role.
/// </summary>
public static class ArmActions
{
    /// <summary>Resource Graph query (inventory).</summary>
    public const string ResourceGraphRead = "Microsoft.ResourceGraph/resources/read";

    /// <summary>Read VMs (inventory fallback, capture, read-back).</summary>
    public const string VirtualMachineRead = "Microsoft.Compute/virtualMachines/read";

    /// <summary>Resize a VM.</summary>
    public const string VirtualMachineWrite = "Microsoft.Compute/virtualMachines/write";

    /// <summary>List the sizes a VM can be resized to.</summary>
    public const string VirtualMachineSizesRead = "Microsoft.Compute/virtualMachines/vmSizes/read";

    /// <summary>Deallocate a VM for a resize that needs it (only when the stage allows deallocation).</summary>
    public const string VirtualMachineDeallocate = "Microsoft.Compute/virtualMachines/deallocate/action";

    /// <summary>Start a VM again after a deallocating resize.</summary>
    public const string VirtualMachineStart = "Microsoft.Compute/virtualMachines/start/action";

    /// <summary>Read scale sets.</summary>
    public const string ScaleSetRead = "Microsoft.Compute/virtualMachineScaleSets/read";

    /// <summary>Change a scale set's SKU or capacity.</summary>
    public const string ScaleSetWrite = "Microsoft.Compute/virtualMachineScaleSets/write";

    /// <summary>Upgrade scale set instances to the new model (manual upgrade policy).</summary>
    public const string ScaleSetManualUpgrade = "Microsoft.Compute/virtualMachineScaleSets/manualUpgrade/action";

    /// <summary>List scale set instances (to batch upgrades).</summary>
    public const string ScaleSetVmsRead = "Microsoft.Compute/virtualMachineScaleSets/virtualMachines/read";

    /// <summary>Poll Compute long-running operations.</summary>
    public const string ComputeOperationsRead = "Microsoft.Compute/locations/operations/read";

    /// <summary>Resource SKUs (catalog of VM sizes per region).</summary>
    public const string ComputeSkusRead = "Microsoft.Compute/skus/read";

    /// <summary>Read App Service plans.</summary>
    public const string ServerFarmRead = "Microsoft.Web/serverfarms/read";

    /// <summary>Change an App Service plan's SKU or worker count.</summary>
    public const string ServerFarmWrite = "Microsoft.Web/serverfarms/write";

    /// <summary>Read Function Apps.</summary>
    public const string SiteRead = "Microsoft.Web/sites/read";

    /// <summary>Change a Flex Consumption app's scale settings.</summary>
    public const string SiteWrite = "Microsoft.Web/sites/write";

    /// <summary>Read autoscale settings.</summary>
    public const string AutoscaleRead = "Microsoft.Insights/autoscalesettings/read";

    /// <summary>Change autoscale settings.</summary>
    public const string AutoscaleWrite = "Microsoft.Insights/autoscalesettings/write";

    /// <summary>Read metrics (single-resource and batch); granted by Monitoring Reader.</summary>
    public const string MetricsRead = "Microsoft.Insights/metrics/read";

    /// <summary>Actions granted by the built-in Monitoring Reader role, not by the custom role.</summary>
    public static IReadOnlyList<string> ViaMonitoringReader { get; } = [MetricsRead];

    /// <summary>The actions the custom "Optimize Operator" role must grant, sorted.</summary>
    public static IReadOnlyList<string> OperatorRole { get; } =
    [
        .. new[]
        {
            ResourceGraphRead, VirtualMachineRead, VirtualMachineWrite, VirtualMachineSizesRead, VirtualMachineDeallocate,
            VirtualMachineStart, ScaleSetRead, ScaleSetWrite, ScaleSetManualUpgrade, ScaleSetVmsRead, ComputeOperationsRead,
            ComputeSkusRead, ServerFarmRead, ServerFarmWrite, SiteRead, SiteWrite, AutoscaleRead, AutoscaleWrite,
        }.Order(StringComparer.Ordinal),
    ];
}
