using Azure;
using Azure.Core;
using Azure.ResourceManager;
using Azure.ResourceManager.Compute;
using Azure.ResourceManager.Compute.Models;
using Optimize.Changes;
using Optimize.Model;

namespace Optimize.Azure.Configuration;

/// <summary>
/// Scale set SKU and capacity through Azure.ResourceManager.Compute: PATCH <c>sku</c> (only what changes), then a SKU change
/// follows the upgrade policy read from the scale set (specs/NOTES.md (d); docs-vmss/virtual-machine-scale-sets-upgrade-policy.md):
/// Manual (also when the policy is absent: "If you don't explicitly set the upgrade policy mode, it defaults to manual",
/// set-upgrade-policy doc) rolls the model to the stale instances in batches (<see cref="AzureAdapterOptions.ScaleSetUpgradeBatchFraction"/>)
/// with manualUpgrade; Automatic and Rolling leave it to the platform and wait (<see cref="ScaleSetWait"/>) until every instance
/// has the model. The read a change starts from and the read-back verify the instances (count, <c>latestModelApplied</c>,
/// instance SKU), not only the model.
/// Flexible sets: capacity changes only (see <see cref="FlexibleSkuChange"/>). Actions: <see cref="ArmActions.ScaleSetRead"/>,
/// <see cref="ArmActions.ScaleSetWrite"/>, <see cref="ArmActions.ScaleSetVmsRead"/>, <see cref="ArmActions.ScaleSetManualUpgrade"/>,
/// <see cref="ArmActions.ComputeOperationsRead"/> (polling).
/// </summary>
internal sealed class ScaleSetConfigurationClient(ArmClient arm, double batchFraction, ScaleSetWait? wait = null) : ConfigurationClientBase<ScaleSetConfig>
{
    private readonly ScaleSetWait _wait = wait ?? ScaleSetWait.Default;

    protected override ResourceKind Kind => ResourceKind.ScaleSet;

    protected override async Task<ScaleSetConfig> ReadCoreAsync(ResourceRef resource, CancellationToken cancellationToken) =>
        ConfigOf(await GetAsync(resource, cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// A change starts from the instances, not only the model: when the VMs list shows instances behind the model (or another
    /// count), the read fails as a conflict naming them, so nothing is captured, baselined or rolled back to a model the
    /// metrics were not recorded on.
    /// </summary>
    protected override async Task<(ScaleSetConfig Config, string? Unsettled)> ReadSettledAsync(ResourceRef resource, CancellationToken cancellationToken)
    {
        var data = await GetAsync(resource, cancellationToken).ConfigureAwait(false);
        var model = ConfigOf(data);
        var instances = await ScaleSetInstances.ListAsync(Vmss(resource), cancellationToken).ConfigureAwait(false);
        return (model, ScaleSetInstances.Problem(instances, model, countOnly: IsFlexible(data)));
    }

    protected override async Task<(ScaleSetConfig Observed, string? Problem)> ReadBackAsync(ResourceRef resource, ScaleSetConfig target, CancellationToken cancellationToken)
    {
        var data = await GetAsync(resource, cancellationToken).ConfigureAwait(false);
        var instances = await ScaleSetInstances.ListAsync(Vmss(resource), cancellationToken).ConfigureAwait(false);
        return (ConfigOf(data), ScaleSetInstances.Problem(instances, target, countOnly: IsFlexible(data)));
    }

    /// <summary>The model already reads as the target: in effect only when the VMs list shows every instance on it.</summary>
    protected override async Task<bool> InEffectAsync(ResourceRef resource, ScaleSetConfig target, CancellationToken cancellationToken)
    {
        var (_, problem) = await ReadBackAsync(resource, target, cancellationToken).ConfigureAwait(false);
        return problem is null;
    }

    protected override async Task<ChangeFailure?> WriteCoreAsync(
        ResourceRef resource, ScaleSetConfig current, ScaleSetConfig target, bool allowDeallocation, CancellationToken cancellationToken)
    {
        var skuChanges = !string.Equals(current.Sku, target.Sku, StringComparison.OrdinalIgnoreCase);
        // The model already is the target (InEffectAsync found instances behind it, e.g. an interrupted Manual rollout): no
        // PATCH, only the rollout is finished.
        var resuming = current == target;
        var vmss = Vmss(resource);
        var mode = VirtualMachineScaleSetUpgradeMode.Manual;
        if (skuChanges || resuming)
        {
            var data = await GetAsync(resource, cancellationToken).ConfigureAwait(false);
            if (IsFlexible(data))
            {
                // A Flexible set's instances are not verifiable here: a resume has nothing to finish (the read-back reports the count).
                return resuming ? null : new ChangeFailure(ChangeFailureKinds.InvalidTarget, FlexibleSkuChange(resource.Id, current.Sku, target.Sku));
            }

            mode = data.UpgradePolicy?.Mode ?? VirtualMachineScaleSetUpgradeMode.Manual;
            if (mode != VirtualMachineScaleSetUpgradeMode.Manual && mode != VirtualMachineScaleSetUpgradeMode.Automatic && mode != VirtualMachineScaleSetUpgradeMode.Rolling)
            {
                return new ChangeFailure(ChangeFailureKinds.InvalidTarget,
                    $"Scale set {resource.Id} has the upgrade policy mode '{mode}'; the published modes are Automatic, Manual and Rolling (UpgradePolicy.mode), so the SKU change was not sent.");
            }
        }

        var sku = new ComputeSku();
        if (skuChanges)
        {
            sku.Name = target.Sku;
        }

        if (current.Capacity != target.Capacity)
        {
            sku.Capacity = target.Capacity;
        }

        if (!resuming)
        {
            await SdkCalls.RunAsync("PATCH Microsoft.Compute/virtualMachineScaleSets", ArmActions.ScaleSetWrite,
                () => vmss.UpdateAsync(WaitUntil.Completed, new VirtualMachineScaleSetPatch { Sku = sku }, cancellationToken), cancellationToken).ConfigureAwait(false);
        }

        if (!skuChanges && !resuming)
        {
            return null;
        }

        if (mode == VirtualMachineScaleSetUpgradeMode.Manual)
        {
            var stale = ScaleSetInstances.Stale(await ScaleSetInstances.ListAsync(vmss, cancellationToken).ConfigureAwait(false));
            foreach (var batch in UpgradeBatches(stale, batchFraction))
            {
                await SdkCalls.RunAsync("POST Microsoft.Compute/virtualMachineScaleSets/manualUpgrade", ArmActions.ScaleSetManualUpgrade,
                    () => vmss.UpdateInstancesAsync(WaitUntil.Completed, new VirtualMachineScaleSetVmInstanceRequiredIds(batch), cancellationToken),
                    cancellationToken).ConfigureAwait(false);
            }
        }
        else
        {
            await WaitForPlatformAsync(vmss, target, cancellationToken).ConfigureAwait(false);
        }

        return null;
    }

    /// <summary>
    /// Automatic ("All virtual machines in the scale set are automatically updated at the same time") and Rolling ("the scale set
    /// performs updates in batches"): the platform moves the instances; polls the VMs list until they all run the target or the
    /// wait's timeout passes (the read-back then reports the instances still on the old model).
    /// </summary>
    private async Task WaitForPlatformAsync(VirtualMachineScaleSetResource vmss, ScaleSetConfig target, CancellationToken cancellationToken)
    {
        var deadline = _wait.Time.GetUtcNow() + _wait.Timeout;
        while (true)
        {
            var instances = await ScaleSetInstances.ListAsync(vmss, cancellationToken).ConfigureAwait(false);
            if (ScaleSetInstances.Problem(instances, target, countOnly: false) is null || _wait.Time.GetUtcNow() >= deadline)
            {
                return;
            }

            await Task.Delay(_wait.Interval, _wait.Time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Why a Flexible set's SKU is not changed here: its instances are standard virtual machines, and "the list Virtual Machine
    /// Scale Sets VM command provides a list of scale sets VM IDs" with details only through the standard VM API or Resource Graph
    /// (docs-vmss/virtual-machine-scale-sets-orchestration-modes.excerpts.md, "List scale sets VM API changes"), so this client
    /// cannot verify that every instance runs the new size.
    /// </summary>
    internal static string FlexibleSkuChange(string id, string from, string to) =>
        $"Scale set {id} uses Flexible orchestration: its instances are standard virtual machines whose size the scale set's VM list does not report " +
        $"(orchestration modes, 'List scale sets VM API changes'), so the change {from} → {to} cannot be verified per instance and was not sent; capacity changes are supported.";

    /// <summary>Splits instance ids into batches of ⌈fraction·count⌉ (at least one).</summary>
    internal static IEnumerable<string[]> UpgradeBatches(IReadOnlyList<string> instanceIds, double fraction)
    {
        var size = Math.Max(1, (int)Math.Ceiling(instanceIds.Count * fraction));
        return instanceIds.Chunk(size);
    }

    private static ScaleSetConfig ConfigOf(VirtualMachineScaleSetData data)
    {
        var sku = data.Sku?.Name ?? throw new FormatException("scale set has no sku.name.");
        return new ScaleSetConfig(sku, (int)(data.Sku.Capacity ?? 0));
    }

    private static bool IsFlexible(VirtualMachineScaleSetData data) => data.OrchestrationMode == OrchestrationMode.Flexible;

    private Task<VirtualMachineScaleSetData> GetAsync(ResourceRef resource, CancellationToken cancellationToken) =>
        SdkCalls.RunAsync("GET Microsoft.Compute/virtualMachineScaleSets", ArmActions.ScaleSetRead, async () =>
            (await Vmss(resource).GetAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value.Data, cancellationToken);

    private VirtualMachineScaleSetResource Vmss(ResourceRef resource) => arm.GetVirtualMachineScaleSetResource(new ResourceIdentifier(resource.Id));
}
