using Azure;
using Azure.Core;
using Azure.ResourceManager;
using Azure.ResourceManager.Compute;
using Azure.ResourceManager.Compute.Models;
using Optimize.Changes;
using Optimize.Model;

namespace Optimize.Azure.Configuration;

/// <summary>
/// Scale set SKU and capacity through Azure.ResourceManager.Compute: PATCH <c>sku</c> (only what changes); under a Manual upgrade
/// policy, a SKU change is rolled to the instances in batches (<see cref="AzureAdapterOptions.ScaleSetUpgradeBatchFraction"/>) with
/// manualUpgrade, instance ids listed from virtualMachines. Actions: <see cref="ArmActions.ScaleSetRead"/>, <see cref="ArmActions.ScaleSetWrite"/>,
/// <see cref="ArmActions.ScaleSetVmsRead"/>, <see cref="ArmActions.ScaleSetManualUpgrade"/>, <see cref="ArmActions.ComputeOperationsRead"/> (polling).
/// </summary>
internal sealed class ScaleSetConfigurationClient(ArmClient arm, double batchFraction) : ConfigurationClientBase<ScaleSetConfig>
{
    protected override ResourceKind Kind => ResourceKind.ScaleSet;

    protected override async Task<ScaleSetConfig> ReadCoreAsync(ResourceRef resource, CancellationToken cancellationToken)
    {
        var data = await GetAsync(resource, cancellationToken).ConfigureAwait(false);
        var sku = data.Sku?.Name ?? throw new FormatException("scale set has no sku.name.");
        return new ScaleSetConfig(sku, (int)(data.Sku.Capacity ?? 0));
    }

    protected override async Task<ChangeFailure?> WriteCoreAsync(
        ResourceRef resource, ScaleSetConfig current, ScaleSetConfig target, bool allowDeallocation, CancellationToken cancellationToken)
    {
        var skuChanges = !string.Equals(current.Sku, target.Sku, StringComparison.OrdinalIgnoreCase);
        var sku = new ComputeSku();
        if (skuChanges)
        {
            sku.Name = target.Sku;
        }

        if (current.Capacity != target.Capacity)
        {
            sku.Capacity = target.Capacity;
        }

        var vmss = Vmss(resource);
        var updated = await SdkCalls.RunAsync("PATCH Microsoft.Compute/virtualMachineScaleSets", ArmActions.ScaleSetWrite,
            () => vmss.UpdateAsync(WaitUntil.Completed, new VirtualMachineScaleSetPatch { Sku = sku }, cancellationToken), cancellationToken).ConfigureAwait(false);

        if (skuChanges && updated.Value.Data.UpgradePolicy?.Mode == VirtualMachineScaleSetUpgradeMode.Manual)
        {
            var stale = await SdkCalls.RunAsync("GET Microsoft.Compute/virtualMachineScaleSets/virtualMachines", ArmActions.ScaleSetVmsRead, async () =>
            {
                var ids = new List<string>();
                await foreach (var instance in vmss.GetVirtualMachineScaleSetVms().GetAllAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
                {
                    if (instance.Data.LatestModelApplied != true)
                    {
                        ids.Add(instance.Data.InstanceId);
                    }
                }

                return ids;
            }, cancellationToken).ConfigureAwait(false);

            foreach (var batch in UpgradeBatches(stale, batchFraction))
            {
                await SdkCalls.RunAsync("POST Microsoft.Compute/virtualMachineScaleSets/manualUpgrade", ArmActions.ScaleSetManualUpgrade,
                    () => vmss.UpdateInstancesAsync(WaitUntil.Completed, new VirtualMachineScaleSetVmInstanceRequiredIds(batch), cancellationToken),
                    cancellationToken).ConfigureAwait(false);
            }
        }

        return null;
    }

    /// <summary>Splits instance ids into batches of ⌈fraction·count⌉ (at least one).</summary>
    internal static IEnumerable<string[]> UpgradeBatches(IReadOnlyList<string> instanceIds, double fraction)
    {
        var size = Math.Max(1, (int)Math.Ceiling(instanceIds.Count * fraction));
        return instanceIds.Chunk(size);
    }

    private Task<VirtualMachineScaleSetData> GetAsync(ResourceRef resource, CancellationToken cancellationToken) =>
        SdkCalls.RunAsync("GET Microsoft.Compute/virtualMachineScaleSets", ArmActions.ScaleSetRead, async () =>
            (await Vmss(resource).GetAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value.Data, cancellationToken);

    private VirtualMachineScaleSetResource Vmss(ResourceRef resource) => arm.GetVirtualMachineScaleSetResource(new ResourceIdentifier(resource.Id));
}
