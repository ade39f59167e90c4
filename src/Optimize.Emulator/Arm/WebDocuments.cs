using System.Text.Json.Nodes;
using Optimize.Model;
using Optimize.Simulator.Fleet;

namespace Optimize.Emulator.Arm;

/// <summary>
/// The ARM document of a Flex Consumption function app (specs/Microsoft.Web.sites.2024-11-01.json, <c>Site</c>; the published
/// CreateOrUpdateFunctionAppFlexConsumption example): <c>properties.functionAppConfig.scaleAndConcurrency</c> holds the
/// configuration in effect. <c>siteConfig</c> is never returned by GET (x-ms-mutability create, update).
/// </summary>
internal sealed class SiteDocumentShape : IDocumentShape
{
    /// <summary>Read-only <c>Site</c> properties (NOTES (a), "Other Site markers"): kept as stored whatever a PUT sends.</summary>
    internal static readonly string[] ReadOnly =
    [
        "state", "hostNames", "repositorySiteName", "usageState", "enabledHostNames", "availabilityState", "lastModifiedTimeUtc",
        "trafficManagerHostNames", "targetSwapSlot", "outboundIpAddresses", "possibleOutboundIpAddresses", "suspendedTill",
        "maxNumberOfWorkers", "resourceGroup", "isDefaultContainer", "defaultHostName", "slotSwapStatus", "inProgressOperationId", "sku",
    ];

    /// <inheritdoc />
    public JsonObject Create(SimulatedResource resource, ResourceConfig config)
    {
        var r = resource.Resource;
        var fn = (FunctionAppConfig)config;
        var host = $"{r.Name}.azurewebsites.net";
        var document = ComputeDocuments.Envelope(resource, "Microsoft.Web/sites");
        document["kind"] = "functionapp,linux";
        document["properties"] = new JsonObject
        {
            ["state"] = "Running",
            ["hostNames"] = new JsonArray(host),
            ["repositorySiteName"] = r.Name,
            ["usageState"] = "Normal",
            ["enabled"] = true,
            ["enabledHostNames"] = new JsonArray(host, $"{r.Name}.scm.azurewebsites.net"),
            ["availabilityState"] = "Normal",
            ["serverFarmId"] = $"/subscriptions/{r.SubscriptionId}/resourceGroups/{r.ResourceGroup}/providers/Microsoft.Web/serverfarms/ASP-{r.Name}",
            ["reserved"] = true,
            ["httpsOnly"] = true,
            ["sku"] = "FlexConsumption",
            ["defaultHostName"] = host,
            ["resourceGroup"] = r.ResourceGroup,
            ["lastModifiedTimeUtc"] = "2026-01-05T09:00:00",
            ["functionAppConfig"] = new JsonObject
            {
                ["deployment"] = new JsonObject
                {
                    ["storage"] = new JsonObject
                    {
                        ["type"] = "blobContainer",
                        ["value"] = $"https://st{resource.Index:D6}.blob.core.windows.net/app-package",
                        ["authentication"] = new JsonObject { ["type"] = "SystemAssignedIdentity" },
                    },
                },
                ["runtime"] = new JsonObject { ["name"] = "dotnet-isolated", ["version"] = "8.0" },
                ["scaleAndConcurrency"] = new JsonObject
                {
                    ["alwaysReady"] = new JsonArray(),
                    ["maximumInstanceCount"] = fn.MaximumInstanceCount,
                    ["instanceMemoryMB"] = fn.InstanceMemoryMb,
                    ["triggers"] = null,
                },
            },
        };
        return document;
    }

    /// <inheritdoc />
    public void Project(JsonObject document, SimulatedResource resource, ResourceConfig config)
    {
        var fn = (FunctionAppConfig)config;
        var scale = ComputeDocuments.Child(ComputeDocuments.Child(ComputeDocuments.Child(document, "properties"), "functionAppConfig"), "scaleAndConcurrency");
        scale["maximumInstanceCount"] = fn.MaximumInstanceCount;
        scale["instanceMemoryMB"] = fn.InstanceMemoryMb;
    }
}

/// <summary>
/// The ARM document of an App Service plan (specs/Microsoft.Web.serverfarms.2024-11-01.json, <c>AppServicePlan</c>; the
/// published GetAppServicePlan example): <c>sku</c> {name, tier, size, family, capacity} and <c>numberOfWorkers</c> hold the
/// configuration in effect.
/// </summary>
internal sealed class PlanDocumentShape(EmulatorWorld world) : IDocumentShape
{
    /// <summary>Read-only serverfarm properties (NOTES (c)): server-set, ignored on input.</summary>
    internal static readonly string[] ReadOnly =
        ["status", "subscription", "maximumNumberOfWorkers", "numberOfWorkers", "geoRegion", "numberOfSites", "resourceGroup", "provisioningState"];

    /// <summary>Create-only serverfarm properties (NOTES (c), x-ms-mutability [create, read]): a PUT may not change them.</summary>
    internal static readonly string[] CreateOnly = ["hostingEnvironmentProfile", "reserved", "isXenon", "hyperV"];

    /// <inheritdoc />
    public JsonObject Create(SimulatedResource resource, ResourceConfig config)
    {
        var r = resource.Resource;
        var document = ComputeDocuments.Envelope(resource, "Microsoft.Web/serverfarms");
        document["kind"] = r.Os == OsFamily.Windows ? "app" : "linux";
        document["sku"] = new JsonObject();
        document["properties"] = new JsonObject
        {
            ["status"] = "Ready",
            ["subscription"] = r.SubscriptionId,
            ["geoRegion"] = r.Location,
            ["numberOfSites"] = world.Fleet.HostedSites(resource).Count,
            ["resourceGroup"] = r.ResourceGroup,
            ["reserved"] = r.Os != OsFamily.Windows,
            ["isXenon"] = false,
            ["hyperV"] = false,
            ["perSiteScaling"] = false,
            ["elasticScaleEnabled"] = false,
            ["maximumElasticWorkerCount"] = 1,
            ["isSpot"] = false,
            ["targetWorkerCount"] = 0,
            ["targetWorkerSizeId"] = 0,
            ["zoneRedundant"] = false,
            ["asyncScalingEnabled"] = false,
            ["provisioningState"] = "Succeeded",
        };
        Project(document, resource, config);
        return document;
    }

    /// <inheritdoc />
    public void Project(JsonObject document, SimulatedResource resource, ResourceConfig config)
    {
        var plan = (AppServicePlanConfig)config;
        var spec = world.Fleet.SpecOf(resource, plan);
        var sku = ComputeDocuments.Child(document, "sku");
        sku["name"] = plan.Sku;
        sku["tier"] = spec?.Tier ?? "";
        sku["size"] = plan.Sku;
        sku["family"] = spec?.Family ?? "";
        sku["capacity"] = plan.Workers;
        var properties = ComputeDocuments.Child(document, "properties");
        properties["numberOfWorkers"] = plan.Workers;
        properties["maximumNumberOfWorkers"] = spec?.MaxWorkers ?? 0;
    }
}

/// <summary>
/// The ARM document of a web app hosted on a fleet plan (<see cref="SimulatedFleet.HostedSites"/>; specs/Microsoft.Web.sites.2024-11-01.json,
/// <c>Site</c>): kind <c>app</c> (<c>app,linux</c> on a Linux plan), running, <c>properties.serverFarmId</c> the plan. Such a site is
/// listed by Resource Graph and has metrics (its share of the plan's traffic); nothing changes it.
/// </summary>
internal static class HostedSiteDocument
{
    /// <summary>The document of <paramref name="siteId"/> on <paramref name="plan"/>.</summary>
    public static JsonObject Create(SimulatedResource plan, string siteId)
    {
        var p = plan.Resource;
        var name = siteId[(siteId.LastIndexOf('/') + 1)..];
        var host = $"{name}.azurewebsites.net";
        var linux = p.Os != OsFamily.Windows;
        return new JsonObject
        {
            ["id"] = siteId,
            ["name"] = name,
            ["type"] = "Microsoft.Web/sites",
            ["kind"] = linux ? "app,linux" : "app",
            ["location"] = p.Location,
            ["tags"] = new JsonObject(),
            ["properties"] = new JsonObject
            {
                ["state"] = "Running",
                ["hostNames"] = new JsonArray(host),
                ["repositorySiteName"] = name,
                ["usageState"] = "Normal",
                ["enabled"] = true,
                ["availabilityState"] = "Normal",
                ["serverFarmId"] = p.Id,
                ["reserved"] = linux,
                ["httpsOnly"] = true,
                ["defaultHostName"] = host,
                ["resourceGroup"] = p.ResourceGroup,
            },
        };
    }
}
