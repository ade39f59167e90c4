using System.Runtime.ExceptionServices;
using Azure;
using Azure.Core;
using Azure.ResourceManager;
using Azure.ResourceManager.Compute;
using Azure.ResourceManager.Compute.Models;
using Optimize.Azure.Catalog;
using Optimize.Azure.Http;
using Optimize.Changes;
using Optimize.Model;

namespace Optimize.Azure.Configuration;

/// <summary>
/// VM size through Azure.ResourceManager.Compute: <c>GetAsync</c>, <c>GetAvailableSizesAsync</c> (is the target reachable without
/// deallocation?), <c>UpdateAsync</c> with a hardware-profile patch; when the target is not in the available list and the stage
/// allows it: check the size is offered in the VM's region (<see cref="VmSizeOffers"/>, Microsoft.Compute/skus) and only then
/// deallocate → update → start. Once this client deallocated the VM it always attempts the start, whether the update succeeded or
/// failed (then the VM starts on its old size and the update's failure is returned). When the start on the new size fails (for
/// example AllocationFailed), the VM is resized back and started on its old size, and the start's failure is returned; only when
/// that fails too is the VM left deallocated, and the failure says so. Actions: <see cref="ArmActions.VirtualMachineRead"/>, <see cref="ArmActions.VirtualMachineSizesRead"/>,
/// <see cref="ArmActions.ComputeSkusRead"/>, <see cref="ArmActions.VirtualMachineWrite"/>, <see cref="ArmActions.VirtualMachineDeallocate"/>,
/// <see cref="ArmActions.VirtualMachineStart"/>, <see cref="ArmActions.ComputeOperationsRead"/> (polling).
/// </summary>
internal sealed class VmConfigurationClient(ArmClient arm, VmSizeOffers offers) : ConfigurationClientBase<VmConfig>
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

        if (available.Contains(target.Size))
        {
            await ResizeAsync(vm, target, cancellationToken).ConfigureAwait(false);
            return null;
        }

        if (!allowDeallocation)
        {
            return new ChangeFailure(ChangeFailureKinds.InvalidTarget, $"Resize to {target.Size} needs deallocation: it is not among the {available.Count} sizes available to {resource.Name} while it runs.");
        }

        var subscription = vm.Id.SubscriptionId ?? throw new FormatException($"'{resource.Id}' names no subscription.");
        if (!await offers.IsOfferedAsync(subscription, resource.Location, target.Size, cancellationToken).ConfigureAwait(false))
        {
            return new ChangeFailure(ChangeFailureKinds.InvalidTarget, $"Resize to {target.Size} refused before deallocating {resource.Name}: Microsoft.Compute/skus does not offer it in {ResourceIds.Region(resource.Location)} to this subscription (not listed or location-restricted).");
        }

        await SdkCalls.RunAsync("POST Microsoft.Compute/virtualMachines/deallocate", ArmActions.VirtualMachineDeallocate,
            () => vm.DeallocateAsync(WaitUntil.Completed, cancellationToken: cancellationToken), cancellationToken).ConfigureAwait(false);
        return await ResizeDeallocatedAsync(vm, resource, current, target, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Resizes a VM this client deallocated and always attempts the start, whatever the resize did.</summary>
    private static async Task<ChangeFailure?> ResizeDeallocatedAsync(
        VirtualMachineResource vm, ResourceRef resource, VmConfig current, VmConfig target, CancellationToken cancellationToken)
    {
        ChangeFailure? resizeFailure = null;
        ExceptionDispatchInfo? cancelled = null;
        try
        {
            await ResizeAsync(vm, target, cancellationToken).ConfigureAwait(false);
        }
        catch (AzureCallException ex)
        {
            resizeFailure = ex.Failure;
        }
        catch (OperationCanceledException ex)
        {
            cancelled = ExceptionDispatchInfo.Capture(ex);
        }

        // The caller's cancellation must not keep the VM down: the start then runs on its own (retries and network timeouts still bound each call).
        var startToken = cancellationToken.IsCancellationRequested ? CancellationToken.None : cancellationToken;
        ChangeFailure? startFailure = null;
        try
        {
            await SdkCalls.RunAsync("POST Microsoft.Compute/virtualMachines/start", ArmActions.VirtualMachineStart,
                () => vm.PowerOnAsync(WaitUntil.Completed, startToken), startToken).ConfigureAwait(false);
        }
        catch (AzureCallException ex)
        {
            startFailure = ex.Failure;
        }

        var restoredTo = target.Size;
        if (startFailure is not null && resizeFailure is null && cancelled is null)
        {
            // Typically AllocationFailed: the region had no capacity for the new size. The old size ran here moments ago.
            var (resizedBack, restoreFailure) = await RestoreAsync(vm, current, startToken).ConfigureAwait(false);
            if (restoreFailure is null)
            {
                return startFailure with
                {
                    Message = $"{resource.Name} did not start on its new size {target.Size} ({startFailure.Message}); it was resized back to {current.Size} and started again.",
                };
            }

            restoredTo = resizedBack ? current.Size : target.Size;
            startFailure = startFailure with { Message = $"{startFailure.Message}; resizing back to {current.Size} and starting again failed too: {restoreFailure.Message}" };
        }

        if (startFailure is not null)
        {
            var resize = cancelled is not null ? $"the resize to {target.Size} was cancelled"
                : resizeFailure is not null ? $"the resize to {target.Size} failed ({resizeFailure})"
                : $"the resize to {target.Size} succeeded";
            var size = resizeFailure is not null ? current.Size
                : cancelled is not null ? $"{current.Size} or {target.Size} (the resize was cancelled)"
                : restoredTo;
            return new ChangeFailure(ChangeFailureKinds.OperationFailed, $"{resource.Name} was left DEALLOCATED on size {size}: {resize}, then the start failed ({startFailure}). It stays down until started (POST .../start); a rollback to {current.Size} restarts it only if the size changed.");
        }

        cancelled?.Throw();
        return resizeFailure is null
            ? null
            : resizeFailure with { Message = $"{resizeFailure.Message} ({resource.Name} was deallocated for the resize and started again on its old size {current.Size}.)" };
    }

    /// <summary>
    /// Puts a deallocated VM back on <paramref name="previous"/> and starts it: whether the resize back took effect, and the
    /// failure (null when the VM runs again).
    /// </summary>
    private static async Task<(bool ResizedBack, ChangeFailure? Failure)> RestoreAsync(VirtualMachineResource vm, VmConfig previous, CancellationToken cancellationToken)
    {
        try
        {
            await ResizeAsync(vm, previous, cancellationToken).ConfigureAwait(false);
        }
        catch (AzureCallException ex)
        {
            return (false, ex.Failure);
        }

        try
        {
            await SdkCalls.RunAsync("POST Microsoft.Compute/virtualMachines/start", ArmActions.VirtualMachineStart,
                () => vm.PowerOnAsync(WaitUntil.Completed, cancellationToken), cancellationToken).ConfigureAwait(false);
            return (true, null);
        }
        catch (AzureCallException ex)
        {
            return (true, ex.Failure);
        }
    }

    private static Task<ArmOperation<VirtualMachineResource>> ResizeAsync(VirtualMachineResource vm, VmConfig target, CancellationToken cancellationToken)
    {
        var patch = new VirtualMachinePatch { HardwareProfile = new VirtualMachineHardwareProfile { VmSize = new VirtualMachineSizeType(target.Size) } };
        return SdkCalls.RunAsync("PATCH Microsoft.Compute/virtualMachines", ArmActions.VirtualMachineWrite,
            () => vm.UpdateAsync(WaitUntil.Completed, patch, cancellationToken: cancellationToken), cancellationToken);
    }

    private VirtualMachineResource Vm(ResourceRef resource) => arm.GetVirtualMachineResource(new ResourceIdentifier(resource.Id));
}
