using System.Text.Json.Nodes;

namespace Optimize.Emulator.Tests.Contract;

/// <summary>
/// The Swagger 2.0 → JSON Schema conversion at work on the pack's own schemas (file + definition named in each test), with bodies
/// built here so each rule can be seen to fail.
/// </summary>
public sealed class SpecContractCheckTests
{
    private const string Vm = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1";

    [Fact]
    public void Paths_MatchTheirTemplates_CaseInsensitively_AndResourceUriSpansSegments()
    {
        var check = ContractKit.Check();

        Assert.Equal("VirtualMachines_InstanceView", check.OperationOf("GET", Vm + "/instanceView", "2023-07-01"));
        // autoscale_API.json spells "resourcegroups"; ARM paths are case-insensitive.
        Assert.Equal("AutoscaleSettings_Update", check.OperationOf("PATCH", "/subscriptions/s/resourceGroups/rg/providers/microsoft.insights/autoscalesettings/a", "2022-10-01"));
        // metrics.json: /{resourceUri}/providers/Microsoft.Insights/metrics, resourceUri x-ms-skip-url-encoding (a whole ARM id).
        Assert.Equal("Metrics_List", check.OperationOf("GET", Vm + "/providers/Microsoft.Insights/metrics", "2024-02-01"));
        // The subscription-scope template has more literal segments and wins over {resourceUri} for /subscriptions/s/...
        Assert.Equal("Metrics_ListAtSubscriptionScope", check.OperationOf("GET", "/subscriptions/s/providers/Microsoft.Insights/metrics", "2024-02-01"));
        Assert.Equal("Batch", check.OperationOf("POST", "/subscriptions/s/metrics:getBatch", "2024-02-01"));
        Assert.Null(check.OperationOf("GET", "/subscriptions/s/providers/Microsoft.Compute/locations/x/operations/1", "2023-07-01"));
    }

    [Fact]
    public void AllOfBases_AreFlattened_SoAClosedObjectAdmitsTheirProperties()
    {
        // CommonDefinitions.json Site = allOf [Resource {location (required), tags, kind, …}] + properties.
        var check = ContractKit.Check();
        var site = JsonNode.Parse("""{"location":"westeurope","kind":"functionapp,linux","tags":{"a":"b"},"properties":{"httpsOnly":true}}""");

        Assert.Empty(check.CheckRequest("WebApps_CreateOrUpdate", site));
        var missing = Assert.Single(check.CheckRequest("WebApps_CreateOrUpdate", JsonNode.Parse("""{"properties":{"httpsOnly":true}}""")));
        Assert.Equal("", missing.Pointer);
        Assert.Contains("location", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Int32Bounds_Types_And_Enums_AreEnforced()
    {
        // FunctionsScaleAndConcurrency.maximumInstanceCount: integer, format int32; UpgradePolicy.mode enum (modelAsString false).
        var check = ContractKit.Check();
        var site = JsonNode.Parse("""{"location":"westeurope","properties":{"functionAppConfig":{"scaleAndConcurrency":{"maximumInstanceCount":3000000000,"instanceMemoryMB":"2048"}}}}""");
        var scaleSet = JsonNode.Parse("""{"properties":{"upgradePolicy":{"mode":"Sometimes"}}}""");

        var violations = check.CheckRequest("WebApps_CreateOrUpdate", site).Select(v => v.Pointer).Order(StringComparer.Ordinal).ToList();
        var mode = Assert.Single(check.CheckRequest("VirtualMachineScaleSets_Update", scaleSet));

        Assert.Equal(["/properties/functionAppConfig/scaleAndConcurrency/instanceMemoryMB", "/properties/functionAppConfig/scaleAndConcurrency/maximumInstanceCount"], violations);
        Assert.Equal("/properties/upgradePolicy/mode", mode.Pointer);
    }

    [Fact]
    public void AnExtensibleEnum_AcceptsANewValue()
    {
        // HardwareProfile.vmSize: x-ms-enum modelAsString true, and "The enum data type is currently deprecated" (2023-07-01).
        var patch = JsonNode.Parse("""{"properties":{"hardwareProfile":{"vmSize":"Standard_D4as_v6"}}}""");

        Assert.Empty(ContractKit.Check().CheckRequest("VirtualMachines_Update", patch));
    }

    [Fact]
    public void Null_IsAllowedForAnOptionalProperty_NotForARequiredOne()
    {
        // ScaleCapacity.required = [minimum, maximum, default]; AutoscaleProfile.fixedDate is optional.
        var check = ContractKit.Check();
        var body = JsonNode.Parse("""{"properties":{"profiles":[{"name":"p","capacity":{"minimum":"1","maximum":null,"default":"1"},"rules":[],"fixedDate":null}]}}""");

        var violation = Assert.Single(check.CheckRequest("AutoscaleSettings_Update", body));

        Assert.Equal("/properties/profiles/0/capacity/maximum", violation.Pointer);
    }

    [Fact]
    public void ReadOnly_IsRefusedInARequest_ButExpectedInAResponse()
    {
        // AppServicePlan.properties.numberOfSites: readOnly (NOTES (c)).
        var check = ContractKit.Check();
        var plan = JsonNode.Parse("""{"location":"westeurope","sku":{"name":"P1v3"},"properties":{"numberOfSites":3}}""");

        var violation = Assert.Single(check.CheckRequest("AppServicePlans_CreateOrUpdate", plan));

        Assert.Equal("/properties/numberOfSites", violation.Pointer);
        Assert.Equal("'properties.numberOfSites' is read-only in AppServicePlan (readOnly: true): the server sets it, a request may not", violation.Message);
        Assert.Empty(check.CheckResponse("AppServicePlans_Get", 200, plan));
    }

    [Fact]
    public void AResponseMember_TheSchemaDoesNotHave_IsAResponseViolation()
    {
        var check = ContractKit.Check();
        var vm = JsonNode.Parse("""{"location":"westeurope","properties":{"hardwareProfile":{"vmSize":"Standard_D2s_v5","cores":2}},"color":"blue"}""");

        var violations = check.CheckResponse("VirtualMachines_Get", 200, vm);

        Assert.Equal(["/color", "/properties/hardwareProfile/cores"], violations.Select(v => v.Pointer).Order(StringComparer.Ordinal));
        Assert.All(violations, v => Assert.Equal("response", v.Direction));
    }

    [Fact]
    public void ResourceGraphFacets_AreCheckedByTheirDiscriminator()
    {
        // resourcegraph.json: Facet {expression, resultType (discriminator)}; FacetResult adds totalRecords, count, data (required).
        var check = ContractKit.Check();
        string Body(string facet) => $$"""{"totalRecords":1,"count":1,"resultTruncated":"false","data":[],"facets":[{{facet}}]}""";
        var good = Body("""{"expression":"type","resultType":"FacetResult","totalRecords":1,"count":1,"data":[]}""");
        var unknown = Body("""{"expression":"type","resultType":"FacetSummary"}""");
        var incomplete = Body("""{"expression":"type","resultType":"FacetResult","count":1,"data":[]}""");

        Assert.Empty(check.CheckResponse("Resources", 200, JsonNode.Parse(good)));
        Assert.Equal("/facets/0/resultType", Assert.Single(check.CheckResponse("Resources", 200, JsonNode.Parse(unknown))).Pointer);
        Assert.Contains("totalRecords", Assert.Single(check.CheckResponse("Resources", 200, JsonNode.Parse(incomplete))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RefsThePackDidNotCopy_AcceptAnything_AndAreListed()
    {
        // Microsoft.Compute.virtualMachines.2023-07-01.json lists StorageProfile among its deliberately unresolved refs.
        var check = ContractKit.Check();
        var patch = JsonNode.Parse("""{"properties":{"storageProfile":{"anything":{"goes":1}}}}""");

        Assert.Empty(check.CheckRequest("VirtualMachines_Update", patch));
        Assert.Contains(check.Unresolved("VirtualMachines_Update"), r => r.EndsWith("computeRPCommon.json#/definitions/StorageProfile", StringComparison.Ordinal));
    }

    [Fact]
    public void ABodyForAnOperationWithoutOne_OrNoBodyWhereOneIsRequired_IsAViolation()
    {
        var check = ContractKit.Check();

        Assert.Single(check.CheckRequest("VirtualMachines_Deallocate", JsonNode.Parse("""{"hibernate":true}""")));
        Assert.Empty(check.CheckRequest("VirtualMachines_Deallocate", null));
        Assert.Contains("required", Assert.Single(check.CheckRequest("AutoscaleSettings_Update", null)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnErrorStatus_MayCarryArmsEnvelope_OrTheOperationsDefault_ButNothingElse()
    {
        // metrics.json 2024-02-01: default → Microsoft.Common.CommonErrorResponse {code, message, …} (unwrapped); ARM's own 404
        // for a missing resource is {"error":{code, message}} (common-api-details.md "Error response content").
        var check = ContractKit.Check();
        var armNotFound = JsonNode.Parse("""{"error":{"code":"ResourceNotFound","message":"The Resource 'x' was not found."}}""");
        var rpError = JsonNode.Parse("""{"code":"BadRequest","message":"Metric names are invalid."}""");
        var neither = JsonNode.Parse("""{"error":{"code":"ResourceNotFound"},"status":404}""");

        Assert.Empty(check.CheckResponse("Metrics_List", 404, armNotFound));
        Assert.Empty(check.CheckResponse("Metrics_List", 400, rpError));
        Assert.Equal(["/error", "/status"], check.CheckResponse("Metrics_List", 404, neither).Select(v => v.Pointer).Order(StringComparer.Ordinal));
        Assert.NotEmpty(check.CheckResponse("Metrics_List", 200, armNotFound));
        Assert.Empty(check.CheckResponse("AppServicePlans_CreateOrUpdate", 202, null));
        Assert.Single(check.CheckResponse("AppServicePlans_Get", 200, null));
    }

    [Fact]
    public async Task APackWithABrokenSpec_StopsTheEmulatorFromStarting_NamingTheFile()
    {
        var pack = Directory.CreateTempSubdirectory("contract-pack-");
        try
        {
            Directory.CreateDirectory(Path.Combine(pack.FullName, "specs"));
            await File.WriteAllTextAsync(Path.Combine(pack.FullName, "specs", "broken.json"), """{"files": {""", TestContext.Current.CancellationToken);

            var error = await Assert.ThrowsAsync<InvalidDataException>(() => EmulatorFixture.StartAsync(new EmulatorOptions { ContractDirectory = pack.FullName }));

            Assert.Contains("broken.json is not JSON", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            pack.Delete(recursive: true);
        }
    }
}
