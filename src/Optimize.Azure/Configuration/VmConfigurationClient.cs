using Azure;
using Azure.Core;
using Azure.ResourceManager;
using Azure.ResourceManager.Compute;
using Azure.ResourceManager.Compute.Models;
using Optimize.Changes;
using Optimize.Model;

namespace Optimize.Azure.Configuration;

/// <summary>
/// VM size through Azure.ResourceManager.Compute: <c>GetAsync</c>, <c>GetAvailableSizesAsync</c> (is the target reachable without
/// deallocation?), <c>UpdateAsync</c> with a hardware-profile patch; when the target is not in the available list and the stage
/// allows it: deallocate → update → start. Actions: <see cref="ArmActions.VirtualMachineRead"/>, <see cref="ArmActions.VirtualMachineSizesRead"/>,
/// <see cref="ArmActions.VirtualMachineWrite"/>, <see cref="ArmActions.VirtualMachineDeallocate"/>, <see cref="ArmActions.VirtualMachineStart"/>,
/// <see cref="ArmActions.ComputeOperationsRead"/> (polling).
/// </summary>
internal sealed class VmConfigurationClient(ArmClient arm) : ConfigurationClientBase<VmConfig>
{
    protected override ResourceKind Kind => ResourceKind.VirtualMachine;

    protected override Task<VmConfig> ReadCoreAsync(ResourceRef resource, CancellationToken cancellationToken) =>
        SdkCalls.RunAsync("GET Microsoft.Compute/virtualMachines", ArmActions.VirtualMachineRead, async () =>
        {
            var vm = await Vm(resource).GetAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            var size = vm.Value.Data.HardwareProfile?.VmSize?.ToString();
            return string.IsNullOrEmpty(size) ? throw new FormatException("virtual machine has no hardwareProfile.vmSize.") : new VmConfig(size);
        }, cancellationToken);

    protected override async Task<ChangeFailure?> WriteCoreAsync(
        ResourceRef resource, VmConfig current, VmConfig target, bool allowDeallocation, CancellationToken cancellationToken)
    {
        var vm = Vm(resource);
        var available = await SdkCalls.RunAsync("GET Microsoft.Compute/virtualMachines/vmSizes", ArmActions.VirtualMachineSizesRead, async () =>
        {
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            await foreach (var size in vm.GetAvailableSizesAsync(cancellationToken).ConfigureAwait(false))
            {
                names.Add(size.Name);
            }

            return names;
        }, cancellationToken).ConfigureAwait(false);

        var needsDeallocation = !available.Contains(target.Size);
        if (needsDeallocation && !allowDeallocation)
        {
            return new ChangeFailure(ChangeFailureKinds.InvalidTarget, $"Resize to {target.Size} needs deallocation: it is not among the {available.Count} sizes available to {resource.Name} while it runs.");
        }

        if (needsDeallocation)
        {
            await SdkCalls.RunAsync("POST Microsoft.Compute/virtualMachines/deallocate", ArmActions.VirtualMachineDeallocate,
                () => vm.DeallocateAsync(WaitUntil.Completed, cancellationToken: cancellationToken), cancellationToken).ConfigureAwait(false);
        }

        var patch = new VirtualMachinePatch { HardwareProfile = new VirtualMachineHardwareProfile { VmSize = new VirtualMachineSizeType(target.Size) } };
        await SdkCalls.RunAsync("PATCH Microsoft.Compute/virtualMachines", ArmActions.VirtualMachineWrite,
            () => vm.UpdateAsync(WaitUntil.Completed, patch, cancellationToken: cancellationToken), cancellationToken).ConfigureAwait(false);

        if (needsDeallocation)
        {
            await SdkCalls.RunAsync("POST Microsoft.Compute/virtualMachines/start", ArmActions.VirtualMachineStart,
                () => vm.PowerOnAsync(WaitUntil.Completed, cancellationToken), cancellationToken).ConfigureAwait(false);
        }

        return null;
    }

    private VirtualMachineResource Vm(ResourceRef resource) => arm.GetVirtualMachineResource(new ResourceIdentifier(resource.Id));
}
