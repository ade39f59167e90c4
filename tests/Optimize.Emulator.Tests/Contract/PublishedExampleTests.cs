using System.Text.Json.Nodes;
using Optimize.Emulator.Contract;
using Optimize.Testing;

namespace Optimize.Emulator.Tests.Contract;

/// <summary>
/// The published REST examples (../shared/fixtures/arm/**) replayed through the check: each example whose api-version is one the
/// pack pins, and which an operation of that spec names in <c>x-ms-examples</c>, must pass as request body and as response bodies (but for the
/// <see cref="KnownDisagreements"/> of an example with its own spec).
/// Examples of other api-versions are not judged by these specs: Compute 2025-04-01 / 2025-11-01 (the pack pins 2023-07-01, the
/// api-version of Azure.ResourceManager.Compute 1.2.0, NOTES §0) and Web 2026-03-15 / 2026-07-15 / 2026-09-01 (the pack pins
/// 2024-11-01); their bodies carry members newer than the pinned schemas.
/// </summary>
public sealed class PublishedExampleTests
{
    /// <summary>Examples the pack's specs cover, by fixture path → operationId (what the loop found, asserted below).</summary>
    private static readonly Dictionary<string, string> Covered = new(StringComparer.Ordinal)
    {
        ["Microsoft.Compute/2021-07-01/ListAvailableResourceSkus.json"] = "ResourceSkus_List",
        ["Microsoft.Compute/2021-07-01/ListAvailableResourceSkusForARegion.json"] = "ResourceSkus_List",
        ["Microsoft.Insights/2022-10-01/createOrUpdateAutoscaleSetting.json"] = "AutoscaleSettings_CreateOrUpdate",
        ["Microsoft.Insights/2022-10-01/getAutoscaleSetting.json"] = "AutoscaleSettings_Get",
        ["Microsoft.Insights/2022-10-01/patchAutoscaleSetting.json"] = "AutoscaleSettings_Update",
        ["Microsoft.Insights/2024-02-01/GetMetric.json"] = "Metrics_List",
        ["Microsoft.Insights/2024-02-01/GetMetricDefinitions.json"] = "MetricDefinitions_List",
        ["Microsoft.Insights/2024-02-01/GetMetricError.json"] = "Metrics_List",
        ["Microsoft.Insights/2024-02-01/MetricBatchExample.json"] = "Batch",
    };

    /// <summary>
    /// Where a published example disagrees with its own spec, the spec decides (JSON member names are case-sensitive): the two
    /// 2021-07-01 ResourceSkus_List examples spell <c>zoneDetails[].Name</c> where ResourceSkuZoneDetails (skus.json 2021-07-01)
    /// has <c>name</c>. Neither the emulator nor the adapter uses zoneDetails.
    /// </summary>
    private static readonly string[] KnownDisagreements =
    [
        "Microsoft.Compute/2021-07-01/ListAvailableResourceSkus.json 200: response ResourceSkus_List /value/0/locationInfo/0/zoneDetails/0/Name: "
            + "'value[0].locationInfo[0].zoneDetails[0].Name' is not a property of ResourceSkuZoneDetails (it has: name, capabilities)",
        "Microsoft.Compute/2021-07-01/ListAvailableResourceSkusForARegion.json 200: response ResourceSkus_List /value/0/locationInfo/0/zoneDetails/0/Name: "
            + "'value[0].locationInfo[0].zoneDetails[0].Name' is not a property of ResourceSkuZoneDetails (it has: name, capabilities)",
    ];

    [Fact]
    public void EveryExampleAtAPinnedApiVersion_PassesAsRequestAndResponse()
    {
        var pack = ContractKit.Pack();
        var fixtures = Path.GetDirectoryName(RepoPaths.SharedFile("fixtures/arm/Microsoft.Insights/2022-10-01/patchAutoscaleSetting.json"))!;
        var root = Path.GetFullPath(Path.Combine(fixtures, "..", ".."));
        var index = SpecIndex.Load(Path.Combine(pack, "specs"));
        var check = SpecContractCheck.Load(pack);
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        var failures = new List<string>();
        var requests = 0;

        foreach (var file in Directory.GetFiles(root, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            var example = JsonNode.Parse(File.ReadAllText(file))!;
            var version = example["parameters"]?["api-version"]?.GetValue<string>();
            var op = index.Operations.Values.FirstOrDefault(o => o.Document.ApiVersion == version
                && (o.Operation["x-ms-examples"] as JsonObject ?? []).Any(e => Path.GetFileName(e.Value?["$ref"]?.GetValue<string>()) == Path.GetFileName(file)));
            if (op is null)
            {
                continue;
            }

            found[relative] = op.OperationId;
            var bodyName = index.Parameters(op).Select(p => p.Node).FirstOrDefault(p => p["in"]?.GetValue<string>() == "body")?["name"]?.GetValue<string>();
            if (bodyName is not null)
            {
                requests++;
                failures.AddRange(check.CheckRequest(op.OperationId, example["parameters"]![bodyName]?.DeepClone()).Select(v => $"{relative}: {v}"));
            }

            foreach (var (status, response) in example["responses"] as JsonObject ?? [])
            {
                var code = status == "default" ? 500 : int.Parse(status, System.Globalization.CultureInfo.InvariantCulture);
                failures.AddRange(check.CheckResponse(op.OperationId, code, response?["body"]?.DeepClone()).Select(v => $"{relative} {status}: {v}"));
            }
        }

        Assert.Equal(Covered.OrderBy(c => c.Key, StringComparer.Ordinal), found.OrderBy(c => c.Key, StringComparer.Ordinal));
        Assert.Equal(3, requests); // createOrUpdateAutoscaleSetting, patchAutoscaleSetting, MetricBatchExample carry a body
        Assert.Equal(KnownDisagreements, failures);
    }

    [Fact]
    public void PublishedPatchExample_WithAnInventedMember_IsRefused_SoTheReplayAboveCanFail()
    {
        var file = RepoPaths.SharedFile("fixtures/arm/Microsoft.Insights/2022-10-01/patchAutoscaleSetting.json");
        var body = JsonNode.Parse(File.ReadAllText(file))!["parameters"]!["autoscaleSettingResource"]!.DeepClone();
        body["properties"]!["profiles"]![0]!["capacity"]!["step"] = "2";

        var violation = Assert.Single(ContractKit.Check().CheckRequest("AutoscaleSettings_Update", body));

        Assert.Equal("/properties/profiles/0/capacity/step", violation.Pointer);
        Assert.Equal("'properties.profiles[0].capacity.step' is not a property of ScaleCapacity (it has: minimum, maximum, default)", violation.Message);
    }

    /// <summary>
    /// The request bodies of the newer examples, replayed against the pinned schemas (not a pass/fail of those examples, which
    /// belong to other api-versions): five fit the pinned schemas, two carry members that only newer api-versions have, and the
    /// closed-object rule names them.
    /// </summary>
    [Theory]
    [InlineData("Microsoft.Compute/2025-04-01/VirtualMachineScaleSet_Update_MinimumSet_Gen.json", "VirtualMachineScaleSets_Update", "parameters", "")]
    [InlineData("Microsoft.Compute/2025-04-01/VirtualMachine_Update_DetachDataDiskUsingToBeDetachedProperty.json", "VirtualMachines_Update", "parameters", "")]
    [InlineData("Microsoft.Compute/2025-11-01/VirtualMachineScaleSet_ScaleOut.json", "VirtualMachineScaleSets_Update", "parameters", "/capacity /properties/zone")]
    [InlineData("Microsoft.Web/2026-03-15/CreateOrUpdateAppServicePlan.json", "AppServicePlans_CreateOrUpdate", "appServicePlan", "")]
    [InlineData("Microsoft.Web/2026-07-15/CreateOrUpdateFunctionAppFlexConsumption.json", "WebApps_CreateOrUpdate", "siteEnvelope", "/properties/functionAppConfig/siteUpdateStrategy")]
    [InlineData("Microsoft.Web/2026-09-01/PatchAppServicePlan.json", "AppServicePlans_Update", "appServicePlan", "")]
    [InlineData("Microsoft.Web/2026-09-01/UpdateWebApp.json", "WebApps_Update", "siteEnvelope", "")]
    public void NewerExamples_AgainstThePinnedSchemas_ShowOnlyTheirNewerMembers(string file, string operation, string parameter, string refused)
    {
        var example = JsonNode.Parse(File.ReadAllText(RepoPaths.SharedFile("fixtures/arm/" + file)))!;

        var violations = ContractKit.Check().CheckRequest(operation, example["parameters"]![parameter]!.DeepClone());

        Assert.Equal(refused, string.Join(" ", violations.Select(v => v.Pointer).Order(StringComparer.Ordinal)));
    }
}
