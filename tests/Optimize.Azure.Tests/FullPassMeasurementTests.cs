using System.Globalization;
using System.Text.Json.Nodes;
using Optimize.Azure.Tests.Http;
using Optimize.Azure.Tests.Inventory;
using Optimize.Metrics;
using Optimize.Model;
using Optimize.Ports;
using Optimize.Pricing;

namespace Optimize.Azure.Tests;

/// <summary>
/// A full read pass (inventory + metrics + prices) over 1,000 resources against the recorded transport: counts calls and bytes
/// and checks the metric calls stay within 1.1 × the ⌈N/50⌉ lower bound per (subscription, region, namespace).
/// </summary>
public sealed class FullPassMeasurementTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static JsonNode Row(JsonNode template, string type, int i, string region)
    {
        var row = template.DeepClone();
        var name = $"r{i}";
        row["id"] = $"/subscriptions/sub{i % 2}/resourceGroups/rg{i % 10}/providers/{type}/{name}";
        row["type"] = type;
        row["location"] = region;
        row["tags"] = new JsonObject { ["env"] = "prod" };
        return row;
    }

    private static JsonArray Fleet()
    {
        var rows = new JsonArray();
        var vm = InventoryRows.Vm();
        var vmss = InventoryRows.ScaleSet();
        var plan = InventoryRows.Plan();
        var flex = InventoryRows.FlexSite();
        var autoscale = InventoryRows.Autoscale();
        for (var i = 0; i < 1000; i++)
        {
            var region = i % 3 == 0 ? "northeurope" : "westeurope";
            rows.Add(i switch
            {
                < 600 => Row(vm, "Microsoft.Compute/virtualMachines", i, region),
                < 750 => Row(vmss, "Microsoft.Compute/virtualMachineScaleSets", i, region),
                < 850 => Row(plan, "Microsoft.Web/serverfarms", i, region),
                < 950 => Row(flex, "Microsoft.Web/sites", i, region),
                _ => Row(autoscale, "microsoft.insights/autoscalesettings", i, region),
            });
        }

        return rows;
    }

    /// <summary>A batch response with every requested metric at every hour for every requested id.</summary>
    private static CannedResponse Metrics(RecordedRequest request)
    {
        var ids = JsonNode.Parse(request.Body)!["resourceids"]!.AsArray().Select(i => i!.GetValue<string>());
        var names = request.Query("metricnames").Split(',');
        var points = (int)(DateTimeOffset.Parse(request.Query("endtime"), CultureInfo.InvariantCulture) - DateTimeOffset.Parse(request.Query("starttime"), CultureInfo.InvariantCulture)).TotalHours;
        var values = new JsonArray();
        foreach (var id in ids)
        {
            var metrics = new JsonArray();
            foreach (var name in names)
            {
                var data = new JsonArray();
                for (var p = 0; p < points; p++)
                {
                    data.Add(new JsonObject { ["timeStamp"] = Start.AddHours(p).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), ["average"] = 40.5, ["total"] = 12.0 });
                }

                metrics.Add(new JsonObject { ["name"] = new JsonObject { ["value"] = name }, ["errorCode"] = "Success", ["timeseries"] = new JsonArray(new JsonObject { ["data"] = data }) });
            }

            values.Add(new JsonObject { ["resourceid"] = id, ["value"] = metrics });
        }

        return new CannedResponse(200, new JsonObject { ["values"] = values }.ToJsonString());
    }

    private static CannedResponse Prices(RecordedRequest request)
    {
        var filter = request.Query("$filter");
        var items = new JsonArray();
        foreach (var sku in new[] { "Standard_DS3_v2", "Standard_D2s_v5" }.Where(s => filter.Contains(s, StringComparison.Ordinal)))
        {
            items.Add(new JsonObject { ["currencyCode"] = "USD", ["retailPrice"] = 0.1, ["unitOfMeasure"] = "1 Hour", ["type"] = "Consumption", ["armSkuName"] = sku, ["skuName"] = sku, ["productName"] = "Virtual Machines", ["meterId"] = "m-" + sku });
        }

        return new CannedResponse(200, new JsonObject { ["Items"] = items, ["NextPageLink"] = null }.ToJsonString());
    }

    [Fact]
    public async Task FullPass_1000Resources_CallsBytesAndMetricRatio()
    {
        var env = new TestEnv();
        var fleet = Fleet();
        env.Transport
            .On("POST", "Microsoft.ResourceGraph/resources", new CannedResponse(200, new JsonObject { ["count"] = fleet.Count, ["data"] = fleet }.ToJsonString()))
            .On(r => r.Uri.AbsolutePath.EndsWith("metrics:getBatch", StringComparison.Ordinal), Metrics)
            .On(r => r.Uri.Host == "prices.azure.com", Prices);
        var engine = AzureAdapters.Create(env.Credential, env.Options);

        var items = await engine.Inventory.ListAsync(new InventoryScope(["sub0", "sub1"], [], []), TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);
        var afterInventory = Snapshot(env);
        var query = new MetricQuery([.. items.Select(i => i.Resource)], MetricNames.All, new TimeRange(Start, Start.AddDays(7)), TimeSpan.FromHours(1));
        var series = await engine.Metrics.ReadAsync(query, TestContext.Current.CancellationToken).CountAsync(TestContext.Current.CancellationToken);
        var afterMetrics = Snapshot(env);
        var keys = items.Where(i => i.Config is VmConfig or ScaleSetConfig)
            .Select(i => new PriceKey(i.Resource.Kind, i.Config is VmConfig v ? v.Size : ((ScaleSetConfig)i.Config).Sku, i.Resource.Location)).ToArray();
        var sheet = await engine.Prices.GetPricesAsync(keys, "USD", TestContext.Current.CancellationToken);
        var afterPrices = Snapshot(env);

        // Lower bound: ⌈n/50⌉ per (subscription, region, metric namespace), twice for autoscale settings (ObservedMetricValue is
        // split by MetricTriggerSource in its own call; ObservedCapacity has no such dimension).
        var bound = items.GroupBy(i => (i.Resource.SubscriptionId, i.Resource.Location, i.Resource.Kind))
            .Sum(g => (int)Math.Ceiling(g.Count() / 50.0) * (g.Key.Kind == ResourceKind.AutoscaleSetting ? 2 : 1));
        var metricCalls = afterMetrics.Calls - afterInventory.Calls;
        var ratio = (double)metricCalls / bound;
        var report = string.Join(Environment.NewLine,
            $"resources: {items.Count}, series: {series}, prices: {sheet.Count}",
            $"inventory: {afterInventory.Calls} calls, {afterInventory.Sent} B sent, {afterInventory.Received} B received",
            $"metrics:   {metricCalls} calls, {afterMetrics.Sent - afterInventory.Sent} B sent, {afterMetrics.Received - afterInventory.Received} B received (7 days hourly, every metric)",
            $"prices:    {afterPrices.Calls - afterMetrics.Calls} calls, {afterPrices.Sent - afterMetrics.Sent} B sent, {afterPrices.Received - afterMetrics.Received} B received",
            $"total:     {afterPrices.Calls} calls, {afterPrices.Sent + afterPrices.Received} B",
            $"metric calls / lower bound: {metricCalls} / {bound} = {ratio.ToString("0.000", CultureInfo.InvariantCulture)}");
        TestContext.Current.TestOutputHelper?.WriteLine(report);
        Console.WriteLine(report);

        Assert.Equal(1000, items.Count);
        Assert.InRange(ratio, 1.0, 1.1);
        // One query for the sites hosted on plans, one for the autoscale settings (which scale sets and plans autoscale
        // controls), one for the inventory.
        Assert.Equal(3, afterInventory.Calls);
        Assert.True(sheet.Count > 0);
    }

    private static (int Calls, long Sent, long Received) Snapshot(TestEnv env) =>
        (env.Transport.Requests.Count, Interlocked.Read(ref env.Transport.BytesSent), Interlocked.Read(ref env.Transport.BytesReceived));
}
