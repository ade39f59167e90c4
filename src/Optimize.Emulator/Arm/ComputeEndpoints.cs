using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Optimize.Emulator.Hosting;
using Optimize.Model;
using Optimize.Simulator.Fleet;

namespace Optimize.Emulator.Arm;

/// <summary>
/// Microsoft.Compute virtual machines (specs/Microsoft.Compute.virtualMachines.2023-07-01.json): GET (with
/// <c>$expand=instanceView</c>), PATCH (a resize; long-running), instanceView, vmSizes, deallocate and start. Scale sets and
/// Resource SKUs are mapped from here too (<see cref="ScaleSetEndpoints"/>, <see cref="SkuEndpoints"/>).
/// A resize of a running VM restarts it; with <see cref="EmulatorFaults.ResizeNeedsDeallocation"/>, a running VM's current
/// hardware cluster offers only sizes with no more vCPUs than its own, so an upsize is refused with 409 until it is deallocated.
/// </summary>
internal static class ComputeEndpoints
{
    /// <summary>api-versions served: the SDK's (Azure.ResourceManager.Compute 1.2.0) and the inventory's list calls'.</summary>
    internal static readonly string[] ApiVersions = ["2023-07-01", "2024-07-01"];

    private const string Vm = "/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.Compute/virtualMachines/{name}";

    /// <summary>Maps the endpoints.</summary>
    public static void Map(IEndpointRouteBuilder app, EmulatorWorld world)
    {
        var state = new ComputeState(world);
        world.Documents.Register(ResourceKind.VirtualMachine, new VmDocumentShape());
        world.Documents.Register(ResourceKind.ScaleSet, new ScaleSetDocumentShape(state));
        var vms = new VmHandlers(world, state);
        app.MapGet(Vm, (HttpContext c) => vms.Get(c)).Operation("VirtualMachines_Get");
        app.MapPatch(Vm, (Delegate)((HttpContext c) => vms.PatchAsync(c))).Operation("VirtualMachines_Update");
        app.MapGet(Vm + "/instanceView", (HttpContext c) => vms.InstanceView(c)).Operation("VirtualMachines_InstanceView");
        app.MapGet(Vm + "/vmSizes", (HttpContext c) => vms.Sizes(c)).Operation("VirtualMachines_ListAvailableSizes");
        app.MapPost(Vm + "/deallocate", (HttpContext c) => vms.Power(c, deallocate: true)).Operation("VirtualMachines_Deallocate");
        app.MapPost(Vm + "/start", (HttpContext c) => vms.Power(c, deallocate: false)).Operation("VirtualMachines_Start");
        ScaleSetEndpoints.Map(app, world, state);
        SkuEndpoints.Map(app, world);
    }

    /// <summary><see cref="ArmRequests.With"/> at the compute api-versions.</summary>
    internal static IResult With(EmulatorWorld world, HttpContext context, ResourceKind kind, Func<SimulatedResource, IResult> handle) =>
        ArmRequests.With(world, context, kind, ApiVersions, handle);

    /// <summary><see cref="ArmRequests.WithBodyAsync"/> at the compute api-versions.</summary>
    internal static Task<IResult> WithBodyAsync(EmulatorWorld world, HttpContext context, ResourceKind kind, Func<SimulatedResource, JsonObject, IResult> handle) =>
        ArmRequests.WithBodyAsync(world, context, kind, ApiVersions, handle);

    /// <summary>Leaves <c>provisioningState: Failed</c> on the resource after a failed operation (until the next write succeeds).</summary>
    internal static void MarkFailed(EmulatorWorld world, SimulatedResource resource) =>
        world.Documents.Write(resource, (stored, _) =>
        {
            stored["properties"]!["provisioningState"] = "Failed";
            return (true, 0);
        });

    private sealed class VmHandlers(EmulatorWorld world, ComputeState state)
    {
        public IResult Get(HttpContext context) => With(world, context, ResourceKind.VirtualMachine, vm =>
        {
            var (document, _) = world.Documents.Read(vm);
            if (string.Equals(context.Request.Query["$expand"], "instanceView", StringComparison.OrdinalIgnoreCase))
            {
                document["properties"]!["instanceView"] = InstanceViewOf(vm);
            }

            return Results.Json(document);
        });

        public IResult InstanceView(HttpContext context) => With(world, context, ResourceKind.VirtualMachine, vm => Results.Json(InstanceViewOf(vm)));

        public IResult Sizes(HttpContext context) => With(world, context, ResourceKind.VirtualMachine, vm =>
            Results.Json(new JsonObject
            {
                ["value"] = new JsonArray([.. Available(vm).Select(s => (JsonNode)new JsonObject
                {
                    ["name"] = s.Name,
                    ["numberOfCores"] = (int)Math.Round(s.VCpus),
                    ["osDiskSizeInMB"] = 1047552,
                    ["resourceDiskSizeInMB"] = (int)Math.Round(s.VCpus * 16384),
                    ["memoryInMB"] = (int)Math.Round(s.MemoryGb * 1024),
                    ["maxDataDiskCount"] = (int)Math.Round(s.VCpus * 2),
                })]),
            }));

        public Task<IResult> PatchAsync(HttpContext context) =>
            WithBodyAsync(world, context, ResourceKind.VirtualMachine, (vm, body) => Patch(context, vm, body));

        public IResult Power(HttpContext context, bool deallocate) => With(world, context, ResourceKind.VirtualMachine, vm =>
        {
            var size = ((VmConfig)world.Fleet.ConfigAt(vm, world.Time.GetUtcNow())).Size;
            var failure = !deallocate && state.IsDeallocated(vm) && NoCapacity(size)
                ? AllocationFailed(size)
                : ArmRequests.DrawOperationFailure(world, $"{(deallocate ? "deallocating" : "starting")} '{vm.Resource.Name}'");
            if (failure is null)
            {
                state.SetDeallocated(vm, deallocate);
            }

            ArmRequests.StartOperation(world, context, vm, "Microsoft.Compute", failure, null);
            return Results.StatusCode(202);
        });

        private IResult Patch(HttpContext context, SimulatedResource vm, JsonObject body)
        {
            var size = body["properties"]?["hardwareProfile"]?["vmSize"]?.GetValue<string>();
            var now = world.Time.GetUtcNow();
            var current = (VmConfig)world.Fleet.ConfigAt(vm, now);
            string? target = null;
            if (size is not null && !string.Equals(size, current.Size, StringComparison.OrdinalIgnoreCase))
            {
                var spec = world.Fleet.SpecOf(vm, new VmConfig(size));
                if (spec is null || !Offered(vm, spec.Name))
                {
                    return ArmError.Result(400, "InvalidParameter",
                        $"The value {size} provided for the VM size is not valid. The valid sizes in {vm.Resource.Location} are listed by the Resource SKUs API.",
                        "vmSize");
                }

                if (!state.IsDeallocated(vm) && !Available(vm).Any(s => s.Name.Equals(spec.Name, StringComparison.OrdinalIgnoreCase)))
                {
                    return ArmError.Result(409, "OperationNotAllowed",
                        $"Unable to resize the VM '{vm.Resource.Name}' because the requested size {spec.Name} is not available in the current hardware cluster. "
                        + "The available sizes in this cluster are listed by the vmSizes API; deallocate the VM to resize it to any size available in the region.");
                }

                target = spec.Name;
            }

            var (document, etag) = world.Documents.Read(vm);
            if (ArmRequests.IfMatch(context.Request, etag) is { } conflict)
            {
                return conflict;
            }

            // A running VM is reallocated by the resize itself; a deallocated one only changes its model (allocation comes at start).
            var failure = target is not null && !state.IsDeallocated(vm) && NoCapacity(target)
                ? AllocationFailed(target)
                : ArmRequests.DrawOperationFailure(world, $"updating '{vm.Resource.Name}'");
            if (failure is null)
            {
                world.Documents.Write(vm, (stored, _) =>
                {
                    JsonMerge.Apply(stored, body, ReadOnly);
                    stored["properties"]!["provisioningState"] = "Succeeded";
                    if (target is not null)
                    {
                        // A running VM restarts on its new size; a deallocated one starts on it later.
                        world.Fleet.Record(vm, new VmConfig(target), now, restarted: true);
                    }

                    return (true, 0);
                });
            }
            else
            {
                // Azure.Core ignores the headers of a PATCH answered 200 and polls the resource's provisioningState instead
                // (NextLinkOperationImplementation.ShouldIgnoreHeader), so a failed operation must show there too, as ARM does.
                MarkFailed(world, vm);
            }

            if (failure is null && ArmRequests.DrawAppliedButFailed(world, $"updating '{vm.Resource.Name}'") is { } applied)
            {
                failure = applied;
                MarkFailed(world, vm);
            }

            (document, _) = world.Documents.Read(vm);

            document["properties"]!["provisioningState"] = "Updating";
            ArmRequests.StartOperation(world, context, vm, "Microsoft.Compute", failure, null);
            return Results.Json(document);
        }

        private static readonly string[] ReadOnly = ["id", "name", "type", "location", "properties.vmId", "properties.provisioningState", "properties.timeCreated", "properties.instanceView"];

        private bool NoCapacity(string size) => world.Faults.AllocationFailures.Contains(size, StringComparer.OrdinalIgnoreCase);

        private static JsonObject AllocationFailed(string size) => (JsonObject)ArmError.Body("AllocationFailed",
            $"Allocation failed. We do not have sufficient capacity for the requested VM size {size} in this region (injected fault).")["error"]!.DeepClone();

        /// <summary>Whether the region offers <paramref name="size"/> (the unknown size a resource was generated with counts).</summary>
        private bool Offered(SimulatedResource vm, string size) =>
            string.Equals(vm.HiddenSpec?.Name, size, StringComparison.OrdinalIgnoreCase)
            || world.Fleet.Catalog.Candidates(ResourceKind.VirtualMachine, vm.Resource.Location).Any(c => c.Name.Equals(size, StringComparison.OrdinalIgnoreCase));

        /// <summary>The sizes the VM can move to without deallocation (all of the region's when deallocated).</summary>
        private IReadOnlyList<Optimize.Catalog.SkuSpec> Available(SimulatedResource vm)
        {
            var all = world.Fleet.Catalog.Candidates(ResourceKind.VirtualMachine, vm.Resource.Location);
            if (state.IsDeallocated(vm) || !world.Faults.ResizeNeedsDeallocation)
            {
                return all;
            }

            var own = world.Fleet.SpecOf(vm, world.Fleet.ConfigAt(vm, world.Time.GetUtcNow()));
            return own is null ? all : [.. all.Where(s => s.VCpus <= own.VCpus)];
        }

        private JsonObject InstanceViewOf(SimulatedResource vm) => new()
        {
            ["computerName"] = vm.Resource.Name,
            ["osName"] = vm.Resource.Os == OsFamily.Windows ? "Windows Server 2022 Datacenter" : "ubuntu",
            ["hyperVGeneration"] = "V2",
            ["statuses"] = new JsonArray(
                new JsonObject { ["code"] = "ProvisioningState/succeeded", ["level"] = "Info", ["displayStatus"] = "Provisioning succeeded" },
                state.IsDeallocated(vm)
                    ? new JsonObject { ["code"] = "PowerState/deallocated", ["level"] = "Info", ["displayStatus"] = "VM deallocated" }
                    : new JsonObject { ["code"] = "PowerState/running", ["level"] = "Info", ["displayStatus"] = "VM running" }),
        };
    }
}
