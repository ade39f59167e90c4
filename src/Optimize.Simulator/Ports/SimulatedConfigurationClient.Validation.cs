using System.Globalization;
using Optimize.Catalog;
using Optimize.Model;
using Optimize.Simulator.Fleet;

namespace Optimize.Simulator.Ports;

/// <summary>Target validation, as ARM would refuse a write.</summary>
public sealed partial class SimulatedConfigurationClient
{
    private static readonly int[] FlexMemorySizes = [512, 2048, 4096];

    /// <summary>Why <paramref name="target"/> is refused for this resource, or null when it is valid.</summary>
    private string? Validate(SimulatedResource resource, ResourceConfig current, ResourceConfig target)
    {
        var id = resource.Resource.Id;
        if (target.Kind != resource.Resource.Kind)
        {
            return $"A {target.Kind} configuration does not fit '{id}', a {resource.Resource.Kind}.";
        }

        switch (target)
        {
            case VmConfig or ScaleSetConfig or AppServicePlanConfig:
                var spec = _fleet.SpecOf(resource, target);
                var name = target is VmConfig vm ? vm.Size : target is ScaleSetConfig ss ? ss.Sku : ((AppServicePlanConfig)target).Sku;
                if (spec is null)
                {
                    return $"Size '{name}' is unknown or not offered in {resource.Resource.Location}.";
                }

                var currentSpec = _fleet.SpecOf(resource, current);
                if (currentSpec is not null && !string.Equals(currentSpec.Family, spec.Family, StringComparison.OrdinalIgnoreCase))
                {
                    return $"Size '{spec.Name}' (family {spec.Family}) is outside the family {currentSpec.Family} of '{id}'.";
                }

                return target switch
                {
                    ScaleSetConfig { Capacity: < 0 or > 1000 } s => Format("Scale set capacity {0} is outside 0–1000.", s.Capacity),
                    AppServicePlanConfig { Workers: < 1 } p => Format("Worker count {0} must be at least 1.", p.Workers),
                    AppServicePlanConfig p when spec.MaxWorkers > 0 && p.Workers > spec.MaxWorkers => Format("{0} allows at most {1} workers, not {2}.", spec.Name, spec.MaxWorkers, p.Workers),
                    _ => null,
                };

            case FunctionAppConfig fn:
                if (!FlexMemorySizes.Contains(fn.InstanceMemoryMb) || _fleet.SpecOf(resource, fn) is null)
                {
                    return Format("Instance memory {0} MB is not a Flex Consumption size (512, 2048, 4096).", fn.InstanceMemoryMb);
                }

                return fn.MaximumInstanceCount is < 40 or > 1000
                    ? Format("Maximum instance count {0} is outside 40–1000.", fn.MaximumInstanceCount)
                    : null;

            case AutoscaleConfig a:
                var currentTarget = ((AutoscaleConfig)current).TargetResourceId;
                if (!string.Equals(a.TargetResourceId, currentTarget, StringComparison.OrdinalIgnoreCase))
                {
                    return $"An autoscale setting's target cannot change (it scales '{currentTarget}').";
                }

                if (a.Minimum < 1 || a.Minimum > a.Default || a.Default > a.Maximum || a.Maximum > 1000)
                {
                    return Format("Capacity bounds must satisfy 1 ≤ minimum ({0}) ≤ default ({1}) ≤ maximum ({2}) ≤ 1000.", a.Minimum, a.Default, a.Maximum);
                }

                return a.ScaleInCpuPercent < 0 || a.ScaleOutCpuPercent > 100 || a.ScaleInCpuPercent >= a.ScaleOutCpuPercent
                    ? Format("Thresholds must satisfy 0 ≤ scale-in ({0}%) < scale-out ({1}%) ≤ 100.", a.ScaleInCpuPercent, a.ScaleOutCpuPercent)
                    : null;

            default:
                return $"Unsupported configuration {target.GetType().Name}.";
        }
    }

    /// <summary>The target with size names spelled as the catalog spells them (names compare case-insensitively).</summary>
    private ResourceConfig Canonical(SimulatedResource resource, ResourceConfig target) => target switch
    {
        VmConfig vm => vm with { Size = _fleet.SpecOf(resource, vm)!.Name },
        ScaleSetConfig ss => ss with { Sku = _fleet.SpecOf(resource, ss)!.Name },
        AppServicePlanConfig plan => plan with { Sku = _fleet.SpecOf(resource, plan)!.Name },
        AutoscaleConfig a => a with { TargetResourceId = resource.Resource.Kind == ResourceKind.AutoscaleSetting ? ((AutoscaleConfig)resource.InitialConfig).TargetResourceId : a.TargetResourceId },
        _ => target,
    };

    private static string Format(string template, params object[] args) => string.Format(CultureInfo.InvariantCulture, template, args);
}
