using System.Globalization;
using Azure.ResourceManager.Compute;
using Optimize.Model;

namespace Optimize.Azure.Configuration;

/// <summary>One instance of a scale set as the VMs list reports it: id, <c>latestModelApplied</c> (null when absent) and its <c>sku.name</c>.</summary>
internal sealed record ScaleSetInstance(string InstanceId, bool? LatestModelApplied, string? Sku);

/// <summary>How long a scale set client waits for the platform to roll a model out (Automatic, Rolling): poll interval, limit and clock.</summary>
internal sealed record ScaleSetWait(TimeSpan Interval, TimeSpan Timeout, TimeProvider Time)
{
    /// <summary>Polls every 5 s for at most 30 min on the system clock (the adapter options' defaults).</summary>
    public static ScaleSetWait Default { get; } = new(TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(30), TimeProvider.System);
}

/// <summary>
/// The instances of a scale set (<c>VirtualMachineScaleSetVMs_List</c>) and whether they run a target configuration: per
/// specs/NOTES.md (d) each instance carries the read-only <c>latestModelApplied</c> and <c>sku</c>, and a SKU change is only in
/// effect once every instance has the model.
/// </summary>
internal static class ScaleSetInstances
{
    /// <summary>Lists every instance of <paramref name="vmss"/>; throws <see cref="Http.AzureCallException"/>.</summary>
    public static Task<IReadOnlyList<ScaleSetInstance>> ListAsync(VirtualMachineScaleSetResource vmss, CancellationToken cancellationToken) =>
        SdkCalls.RunAsync("GET Microsoft.Compute/virtualMachineScaleSets/virtualMachines", ArmActions.ScaleSetVmsRead, async () =>
        {
            var list = new List<ScaleSetInstance>();
            await foreach (var vm in vmss.GetVirtualMachineScaleSetVms().GetAllAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                list.Add(new ScaleSetInstance(vm.Data.InstanceId, vm.Data.LatestModelApplied, vm.Data.Sku?.Name));
            }

            return (IReadOnlyList<ScaleSetInstance>)list;
        }, cancellationToken);

    /// <summary>The instance ids not on the latest model (<c>latestModelApplied</c> not true).</summary>
    public static IReadOnlyList<string> Stale(IReadOnlyList<ScaleSetInstance> instances) =>
        [.. instances.Where(i => i.LatestModelApplied != true).Select(i => i.InstanceId)];

    /// <summary>
    /// Why <paramref name="instances"/> do not run <paramref name="target"/>, or null: the count must be the capacity; unless
    /// <paramref name="countOnly"/> (Flexible sets, whose list gives ids only: orchestration-modes doc, "List scale sets VM API
    /// changes"), every instance must have <c>latestModelApplied</c> true and, where it reports one, the target's SKU.
    /// </summary>
    public static string? Problem(IReadOnlyList<ScaleSetInstance> instances, ScaleSetConfig target, bool countOnly)
    {
        if (instances.Count != target.Capacity)
        {
            return string.Create(CultureInfo.InvariantCulture, $"the scale set lists {instances.Count} instance(s), the capacity is {target.Capacity}.");
        }

        if (countOnly)
        {
            return null;
        }

        var off = instances
            .Where(i => i.LatestModelApplied != true || (i.Sku is { } sku && !string.Equals(sku, target.Sku, StringComparison.OrdinalIgnoreCase)))
            .ToArray();
        if (off.Length == 0)
        {
            return null;
        }

        var detail = string.Join(", ", off.Take(10).Select(i => $"{i.InstanceId} ({i.Sku ?? "sku not reported"}, latestModelApplied={(i.LatestModelApplied?.ToString() ?? "absent").ToLowerInvariant()})"));
        return string.Create(CultureInfo.InvariantCulture, $"{off.Length} of {instances.Count} instance(s) do not run the model {target.Sku}: {detail}.");
    }
}
