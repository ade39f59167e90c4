using Optimize.Metrics;
using Optimize.Model;
using Optimize.Ports;
using Optimize.Simulator.Fleet;
using Optimize.Tests.FleetModel;

namespace Optimize.Simulator.Tests.Fleet;

public sealed class FleetGeneratorTests
{
    [Fact]
    public void Generate_DefaultOptions_HasAtLeast30ResourcesOfAllFiveKinds()
    {
        var fleet = FleetGenerator.Generate(new FleetOptions(), TestCatalog.Instance);

        var resources = fleet.Resources.ToList();
        Assert.True(resources.Count >= 30, $"{resources.Count} resources");
        Assert.Equal(Enum.GetValues<ResourceKind>().Order(), resources.Select(r => r.Resource.Kind).Distinct().Order());
        Assert.Equal(resources.Count, resources.Select(r => r.Resource.Id.ToUpperInvariant()).Distinct().Count());
    }

    [Fact]
    public void Generate_DefaultOptions_MixesScenariosMostlyOverProvisioned()
    {
        var resources = FleetGenerator.Generate(new FleetOptions(), TestCatalog.Instance).Resources.ToList();
        var byScenario = resources.GroupBy(r => r.Scenario).ToDictionary(g => g.Key, g => g.Count());

        foreach (var scenario in Enum.GetValues<FleetScenario>())
        {
            Assert.True(byScenario.ContainsKey(scenario), $"no {scenario} resource");
        }

        Assert.Equal(byScenario.Values.Max(), byScenario[FleetScenario.OverProvisioned]);
        Assert.Equal(LayoutFacts.UnknownSize, ((VmConfig)resources.Single(r => r.Scenario == FleetScenario.UnknownSku).InitialConfig).Size);
        // One designed regression per kind (FleetScenario.RegressesAfterDownsize).
        Assert.Equal(
            new[] { ResourceKind.VirtualMachine, ResourceKind.ScaleSet, ResourceKind.AppServicePlan, ResourceKind.FunctionApp, ResourceKind.AutoscaleSetting }.Order(),
            resources.Where(r => r.Scenario == FleetScenario.RegressesAfterDownsize).Select(r => r.Resource.Kind).Distinct().Order());
    }

    [Fact]
    public void Generate_DefaultOptions_TagsEnvironmentAndSomeOptOuts()
    {
        var resources = FleetGenerator.Generate(new FleetOptions(), TestCatalog.Instance).Resources.ToList();

        Assert.All(resources, r => Assert.Contains(r.Resource.Tags["env"], new[] { "prod", "dev" }));
        Assert.Contains(resources, r => r.Resource.Tags["env"] == "prod");
        Assert.Contains(resources, r => r.Resource.Tags["env"] == "dev");
        var optOuts = resources.Count(r => r.Resource.Tags.TryGetValue("optimize-opt-out", out var v) && v == "true");
        Assert.InRange(optOuts, 1, 5);
        Assert.True(resources.Select(r => r.Resource.SubscriptionId).Distinct().Count() >= 2);
    }

    [Fact]
    public void Generate_AutoscaleSettings_TargetAPlanOrScaleSetOfTheFleet()
    {
        var fleet = FleetGenerator.Generate(new FleetOptions(), TestCatalog.Instance);

        var settings = fleet.Resources.Where(r => r.Resource.Kind == ResourceKind.AutoscaleSetting).ToList();
        Assert.NotEmpty(settings);
        Assert.All(settings, s =>
        {
            var target = fleet.Find(((AutoscaleConfig)s.InitialConfig).TargetResourceId);
            Assert.NotNull(target);
            Assert.Contains(target.Resource.Kind, new[] { ResourceKind.AppServicePlan, ResourceKind.ScaleSet });
            Assert.Equal(s.Index, target.GovernorIndex);
        });
    }

    [Fact]
    public async Task Generate_SameSeed_IdenticalInventoryAndMetrics()
    {
        var a = new TestFleet(seed: 7);
        var b = new TestFleet(seed: 7);

        Assert.Equal(await InventoryOf(a), await InventoryOf(b));
        Assert.Equal(await AllMetrics(a), await AllMetrics(b));
    }

    [Fact]
    public async Task Generate_SameSeedSameWrites_IdenticalMetricsAndHistory()
    {
        var a = new TestFleet(seed: 9);
        var b = new TestFleet(seed: 9);
        foreach (var t in new[] { a, b })
        {
            var vm = t.First(FleetScenario.OverProvisioned, ResourceKind.VirtualMachine);
            t.Time.Advance(TimeSpan.FromHours(3));
            await t.Config.ApplyAsync(vm.Resource, new VmConfig(TestCatalog.HalfOf(((VmConfig)vm.InitialConfig).Size)), false, TestContext.Current.CancellationToken);
            t.Time.Advance(TimeSpan.FromHours(3));
            await t.Config.ApplyAsync(vm.Resource, vm.InitialConfig, false, TestContext.Current.CancellationToken);
        }

        var vmA = a.First(FleetScenario.OverProvisioned, ResourceKind.VirtualMachine);
        Assert.Equal(a.Fleet.History(vmA), b.Fleet.History(b.Fleet.Find(vmA.Resource.Id)!));
        Assert.Equal(
            await a.ReadAsync(vmA, MetricNames.ErrorPercent, TestFleet.Now, TimeSpan.FromHours(8), TimeSpan.FromMinutes(5)),
            await b.ReadAsync(b.Fleet.Find(vmA.Resource.Id)!, MetricNames.ErrorPercent, TestFleet.Now, TimeSpan.FromHours(8), TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public async Task Generate_DifferentSeeds_MetricsDiffer()
    {
        var a = await AllMetrics(new TestFleet(seed: 1));
        var b = await AllMetrics(new TestFleet(seed: 2));

        Assert.NotEqual(a, b);
    }

    [Fact]
    public void Generate_HundredThousandResources_HoldsNoPerResourceState()
    {
        var fleet = FleetGenerator.Generate(new FleetOptions { ResourceCount = 100_000 }, TestCatalog.Instance);

        var kinds = new int[5];
        foreach (var resource in fleet.Resources)
        {
            kinds[(int)resource.Resource.Kind]++;
        }

        // Enumerating all 100,000 built each one on the fly and kept none: no per-resource state exists.
        Assert.Equal(100_000, kinds.Sum());
        Assert.All(kinds, k => Assert.True(k > 10_000, $"{k}"));
        Assert.Equal(0, fleet.StatefulResourceCount);
        Assert.NotNull(fleet.Find(fleet[99_999].Resource.Id));
    }

    [Fact]
    public async Task Generate_HundredThousandResources_OnlyWrittenResourcesHoldState()
    {
        var fleet = FleetGenerator.Generate(new FleetOptions { ResourceCount = 100_000 }, TestCatalog.Instance);
        var client = new FleetWriter(fleet, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(TestFleet.Now));
        var vm = fleet.Resources.Skip(50_000).First(r => r.Resource.Kind == ResourceKind.VirtualMachine && r.Scenario == FleetScenario.OverProvisioned);

        var result = await client.ApplyAsync(vm.Resource, new VmConfig(TestCatalog.HalfOf(((VmConfig)vm.InitialConfig).Size)), false, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.Failure?.ToString());
        Assert.Equal(1, fleet.StatefulResourceCount);
    }

    [Theory]
    [InlineData(0, "ResourceCount")]
    [InlineData(-5, "ResourceCount")]
    public void Generate_InvalidOptions_ThrowsNamingTheViolation(int count, string expected)
    {
        var options = new FleetOptions { ResourceCount = count, Regions = [], TracePath = "/nonexistent/trace.csv.gz" };

        var error = Assert.Throws<ArgumentException>(() => FleetGenerator.Generate(options, TestCatalog.Instance));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("Regions", error.Message, StringComparison.Ordinal);
        Assert.Contains("TracePath", error.Message, StringComparison.Ordinal);
    }

    private static Task<List<string>> InventoryOf(TestFleet fleet) => Task.FromResult(
        FleetOracle.Listing(fleet.Fleet, fleet.Time.GetUtcNow())
            .Select(item => $"{item.Resource.Id}|{item.Resource.Location}|{string.Join(",", item.Resource.Tags.OrderBy(t => t.Key))}|{item.Config}")
            .ToList());

    private static Task<List<double>> AllMetrics(TestFleet fleet)
    {
        var query = new MetricQuery([.. fleet.Fleet.Resources.Select(r => r.Resource)], MetricNames.All, TimeRangeBefore(TestFleet.Now, TimeSpan.FromDays(2)), TimeSpan.FromHours(1));
        return Task.FromResult(FleetOracle.Series(fleet.Fleet, query).SelectMany(s => s.Values.ToArray()).ToList());
    }

    private static TimeRange TimeRangeBefore(DateTimeOffset end, TimeSpan length) => TimeRange.Ending(end, length);
}
