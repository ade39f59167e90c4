using Optimize.Model;

namespace Optimize.Hosting;

/// <summary>Infers a <see cref="ResourceKind"/> from an ARM id's provider type.</summary>
public static class ResourceKinds
{
    /// <summary>The kind, or null when the id is not of one of the five kinds.</summary>
    public static ResourceKind? FromResourceId(string resourceId)
    {
        var parts = resourceId.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 8)
        {
            return null;
        }

        var type = $"{parts[5]}/{parts[6]}";
        return type.ToLowerInvariant() switch
        {
            "microsoft.web/sites" => ResourceKind.FunctionApp,
            "microsoft.web/serverfarms" => ResourceKind.AppServicePlan,
            "microsoft.compute/virtualmachines" => ResourceKind.VirtualMachine,
            "microsoft.compute/virtualmachinescalesets" => ResourceKind.ScaleSet,
            "microsoft.insights/autoscalesettings" => ResourceKind.AutoscaleSetting,
            _ => null,
        };
    }
}
