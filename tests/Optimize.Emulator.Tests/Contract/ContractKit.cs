using Optimize.Emulator.Contract;
using Optimize.Model;
using Optimize.Simulator.Fleet;
using Optimize.Testing;

namespace Optimize.Emulator.Tests.Contract;

/// <summary>The contract pack (../shared/azure-contract) for the contract tests, and the zero-violation check of the loop tests.</summary>
internal static class ContractKit
{
    /// <summary>The pack folder, or null when ../shared is absent (then the emulator runs unchecked).</summary>
    public static string? PackOrNull()
    {
        var pack = RepoPaths.Shared is { } shared ? Path.Combine(shared, "azure-contract") : null;
        return pack is not null && Directory.Exists(Path.Combine(pack, "specs")) ? pack : null;
    }

    /// <summary>The pack folder, or a skip naming what is missing.</summary>
    public static string Pack()
    {
        var pack = PackOrNull();
        if (pack is null)
        {
            Assert.Skip("../shared/azure-contract/specs is absent (the published Swagger fragments); the contract check cannot be tested without it.");
        }

        return pack;
    }

    /// <summary>The check over the pack (compiled lazily; one per test is cheap).</summary>
    public static SpecContractCheck Check() => SpecContractCheck.Load(Pack());

    /// <summary>The first resource of <paramref name="kind"/> in the fleet.</summary>
    public static SimulatedResource First(EmulatorWorld world, ResourceKind kind) => world.Fleet.Resources.First(r => r.Resource.Kind == kind);

    /// <summary>
    /// Every request the adapters sent and every emulator response was held to the published spec, and none violated it. When
    /// the pack is absent the loop ran unchecked and only the (empty) endpoint-level violations are asserted. Each of
    /// <paramref name="operations"/> must have had its request and a response checked, so "no violations" is not vacuous.
    /// </summary>
    public static void AssertNoViolations(EmulatorWorld world, params string[] operations)
    {
        if (PackOrNull() is not null)
        {
            var checkedBodies = Assert.IsAssignableFrom<IContractCheck>(world.Contract).Checked;
            foreach (var operation in operations)
            {
                Assert.True(checkedBodies.ContainsKey(operation + " request"), $"{operation}'s request was not held to the spec; checked: {string.Join(", ", checkedBodies.Keys)}");
                Assert.Contains(checkedBodies.Keys, k => k.StartsWith(operation + " ", StringComparison.Ordinal) && !k.EndsWith(" request", StringComparison.Ordinal));
            }
        }

        Assert.True(world.Log.Violations.Count == 0, "Contract violations:\n" + string.Join("\n", world.Log.Violations));
    }
}
