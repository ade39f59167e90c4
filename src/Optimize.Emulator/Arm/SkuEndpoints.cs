using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Optimize.Catalog;
using Optimize.Emulator.Hosting;
using Optimize.Model;

namespace Optimize.Emulator.Arm;

/// <summary>
/// <c>GET /subscriptions/{sub}/providers/Microsoft.Compute/skus</c> (ResourceSkus_List, specs/whole/compute.skus.2021-07-01.json):
/// the VM sizes of the fleet's catalog in each of its regions, as <c>virtualMachines</c> resource SKUs with the capabilities the
/// published example carries (vCPUs, MemoryGB, PremiumIO, AcceleratedNetworkingEnabled, HyperVGenerations). The only
/// <c>$filter</c> the spec documents, <c>location eq '{region}'</c>, is honoured; one page, no nextLink.
/// </summary>
internal static class SkuEndpoints
{
    /// <summary>Maps the endpoint.</summary>
    public static void Map(IEndpointRouteBuilder app, EmulatorWorld world) =>
        app.MapGet("/subscriptions/{sub}/providers/Microsoft.Compute/skus", (HttpContext context) =>
        {
            if (ArmRequests.ApiVersion(context.Request, "2021-07-01") is { } badVersion)
            {
                return badVersion;
            }

            var filter = context.Request.Query["$filter"].ToString();
            IEnumerable<string> regions = world.Fleet.Options.Regions;
            if (filter.Length > 0)
            {
                var parts = filter.Split('\'');
                if (parts.Length != 3 || !string.Equals(parts[0].Trim(), "location eq", StringComparison.OrdinalIgnoreCase))
                {
                    return ArmError.Result(400, "InvalidParameter", $"The $filter '{filter}' is not supported; use location eq '<region>'.", "$filter");
                }

                regions = [parts[1].ToLowerInvariant()];
            }

            var value = new JsonArray();
            foreach (var region in regions)
            {
                foreach (var spec in world.Fleet.Catalog.Candidates(ResourceKind.VirtualMachine, region))
                {
                    value.Add(Sku(spec, region));
                }
            }

            return Results.Json(new JsonObject { ["value"] = value });
        }).Operation("ResourceSkus_List");

    private static JsonObject Sku(SkuSpec spec, string region) => new()
    {
        ["resourceType"] = "virtualMachines",
        ["name"] = spec.Name,
        ["tier"] = "Standard",
        ["size"] = spec.Name.StartsWith("Standard_", StringComparison.Ordinal) ? spec.Name["Standard_".Length..] : spec.Name,
        ["family"] = spec.Family,
        ["locations"] = new JsonArray(region),
        ["locationInfo"] = new JsonArray(new JsonObject { ["location"] = region, ["zones"] = new JsonArray("1", "2", "3") }),
        ["capabilities"] = new JsonArray(
            Capability("vCPUs", spec.VCpus),
            Capability("MemoryGB", spec.MemoryGb),
            Capability("PremiumIO", spec.PremiumIo ? "True" : "False"),
            Capability("AcceleratedNetworkingEnabled", spec.AcceleratedNetworking ? "True" : "False"),
            Capability("HyperVGenerations", spec.HyperVGenerations)),
        ["restrictions"] = new JsonArray(),
    };

    private static JsonObject Capability(string name, double value) => Capability(name, value.ToString(CultureInfo.InvariantCulture));

    private static JsonObject Capability(string name, string value) => new() { ["name"] = name, ["value"] = value };
}
