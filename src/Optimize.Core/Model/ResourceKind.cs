namespace Optimize.Model;

/// <summary>The five kinds of Azure compute resource Optimize can change.</summary>
public enum ResourceKind
{
    /// <summary>A Flex Consumption Function App (<c>Microsoft.Web/sites</c>, kind functionapp): instance memory and maximum instances.</summary>
    FunctionApp,

    /// <summary>An App Service plan (<c>Microsoft.Web/serverfarms</c>): SKU and worker count.</summary>
    AppServicePlan,

    /// <summary>A virtual machine (<c>Microsoft.Compute/virtualMachines</c>): size.</summary>
    VirtualMachine,

    /// <summary>A VM scale set (<c>Microsoft.Compute/virtualMachineScaleSets</c>): SKU and capacity.</summary>
    ScaleSet,

    /// <summary>An autoscale setting (<c>Microsoft.Insights/autoscalesettings</c>): capacity bounds and CPU thresholds.</summary>
    AutoscaleSetting,
}
