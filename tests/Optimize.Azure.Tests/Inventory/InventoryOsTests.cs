using System.Text.Json.Nodes;
using Optimize.Azure.Inventory;
using Optimize.Model;

namespace Optimize.Azure.Tests.Inventory;

/// <summary>Which meters price each inventory row, from the published GET examples and their documented variants.</summary>
public sealed class InventoryOsTests
{
    [Fact]
    public void Project_PublishedWindowsVm_IsWindows()
    {
        var row = InventoryRows.Vm(); // VirtualMachine_Get.json: storageProfile.osDisk.osType = Windows

        var (resource, _, skipped) = InventoryProjection.Project(row);

        Assert.Null(skipped);
        Assert.Equal(OsFamily.Windows, resource!.Os);
    }

    [Theory]
    [InlineData("Linux", null, OsFamily.Linux)]
    [InlineData("Windows", null, OsFamily.Windows)]
    [InlineData("Windows", "Windows_Server", OsFamily.Linux)] // Azure Hybrid Benefit pays the base (Linux) rate
    [InlineData("Windows", "Windows_Client", OsFamily.Linux)]
    [InlineData("Windows", "None", OsFamily.Windows)]
    public void OsOf_VmOsTypeAndLicense_PicksTheMeter(string osType, string? license, OsFamily expected)
    {
        var row = InventoryRows.Vm();
        row["properties"]!["storageProfile"]!["osDisk"]!["osType"] = osType;
        row["properties"]!["licenseType"] = license;

        Assert.Equal(expected, InventoryProjection.OsOf(ResourceKind.VirtualMachine, row));
    }

    [Fact]
    public void OsOf_VmWithoutOsTypeButWindowsConfiguration_IsWindows()
    {
        var row = InventoryRows.Vm();
        row["properties"]!["storageProfile"]!["osDisk"]!.AsObject().Remove("osType");

        Assert.Equal(OsFamily.Windows, InventoryProjection.OsOf(ResourceKind.VirtualMachine, row));
    }

    [Theory]
    [InlineData(null, OsFamily.Linux)] // the published minimal scale set says nothing: Linux
    [InlineData("Windows", OsFamily.Windows)]
    public void OsOf_ScaleSetProfileOsType_PicksTheMeter(string? osType, OsFamily expected)
    {
        var row = InventoryRows.ScaleSet();
        if (osType is not null)
        {
            row["properties"] ??= new JsonObject();
            row["properties"]!["virtualMachineProfile"] = new JsonObject { ["storageProfile"] = new JsonObject { ["osDisk"] = new JsonObject { ["osType"] = osType } } };
        }

        Assert.Equal(expected, InventoryProjection.OsOf(ResourceKind.ScaleSet, row));
    }

    [Theory]
    [InlineData("app", false, OsFamily.Windows)] // GetAppServicePlan.json as published
    [InlineData("linux", true, OsFamily.Linux)]
    [InlineData("app,linux", false, OsFamily.Linux)]
    [InlineData("app", true, OsFamily.Linux)]
    public void Project_PlanKindAndReserved_PerPlan(string kind, bool reserved, OsFamily expected)
    {
        var row = InventoryRows.Plan();
        row["kind"] = kind;
        row["properties"]!["reserved"] = reserved;

        var (resource, _, skipped) = InventoryProjection.Project(row);

        Assert.Null(skipped);
        Assert.Equal(expected, resource!.Os);
    }
}
