using Optimize.Changes;
using Optimize.Model;
using Optimize.Ports;
using Optimize.Simulator.Faults;
using Optimize.Simulator.Fleet;

namespace Optimize.Simulator.Ports;

/// <summary>
/// <see cref="IConfigurationClient"/> over a simulated fleet, with ARM-like semantics: targets are validated against the
/// catalog (unknown size or another family → invalid-target), applying the current configuration succeeds without a write,
/// a write takes effect at the clock's now and records its simulated long-running-operation time (2–10 virtual minutes,
/// never waited for) in <see cref="SimulatedFleet.History"/>, a VM resize restarts the VM (errors spike for two 5-minute
/// steps), and faults from the <see cref="FaultPlan"/> come back as failures.
/// </summary>
public sealed partial class SimulatedConfigurationClient : IConfigurationClient
{
    private readonly SimulatedFleet _fleet;
    private readonly TimeProvider _time;
    private readonly FaultPlan _faults;

    /// <summary>Reads and writes <paramref name="fleet"/> at <paramref name="time"/>'s now; <paramref name="faults"/> injects failures.</summary>
    public SimulatedConfigurationClient(SimulatedFleet fleet, TimeProvider time, FaultPlan? faults = null)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        ArgumentNullException.ThrowIfNull(time);
        _fleet = fleet;
        _time = time;
        _faults = faults ?? new FaultPlan();
    }

    /// <inheritdoc />
    public Task<ConfigurationRead> ReadAsync(ResourceRef resource, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resource);
        cancellationToken.ThrowIfCancellationRequested();
        var simulated = _fleet.Find(resource.Id);
        if (simulated is null)
        {
            return Task.FromResult(ConfigurationRead.Fail(ChangeFailureKinds.NotFound, $"Resource '{resource.Id}' was not found (404)."));
        }

        if ((_faults.TakeReadFailure(resource.Id) ?? _faults.ChaosReadFailure()) is { } kind)
        {
            return Task.FromResult(ConfigurationRead.Fail(kind, $"Simulated {kind} failure reading '{resource.Id}' (injected fault)."));
        }

        return Task.FromResult(ConfigurationRead.Ok(_fleet.ConfigAt(simulated, _time.GetUtcNow())));
    }

    /// <inheritdoc />
    public Task<ApplyResult> ApplyAsync(ResourceRef resource, ResourceConfig target, bool allowDeallocation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(target);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Apply(resource, target, allowDeallocation));
    }

    private ApplyResult Apply(ResourceRef resource, ResourceConfig target, bool allowDeallocation)
    {
        var simulated = _fleet.Find(resource.Id);
        if (simulated is null)
        {
            return ApplyResult.Fail(ChangeFailureKinds.NotFound, $"Resource '{resource.Id}' was not found (404).");
        }

        var now = _time.GetUtcNow();
        var current = _fleet.ConfigAt(simulated, now);
        if (Validate(simulated, current, target) is { } invalid)
        {
            return ApplyResult.Fail(ChangeFailureKinds.InvalidTarget, invalid, current);
        }

        var canonical = Canonical(simulated, target);
        if (canonical == current)
        {
            return ApplyResult.Ok(current);
        }

        if (_faults.TakeWriteFailure(resource.Id) is { } kind)
        {
            return ApplyResult.Fail(kind, WriteFailureMessage(kind, resource.Id), current);
        }

        if (_fleet.PreviousConfig(simulated) == canonical && _faults.RollbackFailure(resource.Id) is { } rollbackKind)
        {
            return ApplyResult.Fail(rollbackKind, $"Rollback of '{resource.Id}' to {canonical.Describe()} failed: {WriteFailureMessage(rollbackKind, resource.Id)}", current);
        }

        var resize = current is VmConfig;
        if (resize && _faults.NeedsDeallocation(resource.Id) && !allowDeallocation)
        {
            return ApplyResult.Fail(ChangeFailureKinds.InvalidTarget,
                $"Resizing '{resource.Id}' to {canonical.Describe()} needs deallocation, which this stage does not allow.", current);
        }

        if (_faults.ChaosWriteFailure() is { } chaos)
        {
            if (chaos.Applied)
            {
                _fleet.Record(simulated, canonical, now, restarted: resize);
                return ApplyResult.Fail(chaos.Kind, $"The long-running operation on '{resource.Id}' reported Failed, but the write took effect (injected fault).", _fleet.ConfigAt(simulated, now));
            }

            return ApplyResult.Fail(chaos.Kind, WriteFailureMessage(chaos.Kind, resource.Id), current);
        }

        _fleet.Record(simulated, canonical, now, restarted: resize);
        return ApplyResult.Ok(_fleet.ConfigAt(simulated, now));
    }

    private static string WriteFailureMessage(string kind, string id) => kind switch
    {
        ChangeFailureKinds.Throttled => $"429 TooManyRequests writing '{id}': retry after 30 s (injected fault).",
        ChangeFailureKinds.Conflict => $"409 Conflict writing '{id}': another operation is in progress (injected fault).",
        ChangeFailureKinds.OperationFailed => $"The long-running operation on '{id}' ended in state Failed (injected fault).",
        _ => $"Simulated {kind} failure writing '{id}' (injected fault).",
    };
}
