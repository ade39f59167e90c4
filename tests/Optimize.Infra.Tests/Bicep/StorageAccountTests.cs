using System.Text.Json.Nodes;

namespace Optimize.Infra.Tests.Bicep;

/// <summary>The app's storage account takes identities only, and the identity gets the data roles Functions and Durable need.</summary>
public sealed class StorageAccountTests
{
    private static JsonObject Properties =>
        Assert.Single(CompiledTemplate.Find("Microsoft.Storage/storageAccounts")).Resource["properties"]!.AsObject();

    [Fact]
    public void StorageAccount_Always_DisallowsSharedKeys()
    {
        Assert.False(Properties["allowSharedKeyAccess"]!.GetValue<bool>());
        Assert.True(Properties["defaultToOAuthAuthentication"]!.GetValue<bool>());
    }

    [Fact]
    public void StorageAccount_Always_RequiresTls12AndNoPublicBlobs()
    {
        Assert.Equal("TLS1_2", (string?)Properties["minimumTlsVersion"]);
        Assert.False(Properties["allowBlobPublicAccess"]!.GetValue<bool>());
        Assert.True(Properties["supportsHttpsTrafficOnly"]!.GetValue<bool>());
    }

    [Fact]
    public void Template_Anywhere_ContainsNoAccountKeyOrStorageListKeys()
    {
        var text = CompiledTemplate.Text;

        Assert.DoesNotContain("AccountKey", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("listConnectionStrings", text, StringComparison.OrdinalIgnoreCase);
        // The only listKeys allowed reads the AlertWebhook function's own key for the alert action group (never a host
        // key, which would open the approval endpoints too).
        var listKeys = System.Text.RegularExpressions.Regex.Matches(text, @"listKeys\([^)]*\)", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        Assert.NotEmpty(listKeys);
        Assert.All(listKeys, m => Assert.Contains("/functions/AlertWebhook", m.Value, StringComparison.Ordinal));
        Assert.DoesNotContain("/host/default", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("b7e6dc6d-f1e8-4753-8033-0f276bb0955b", "Storage Blob Data Owner")]
    [InlineData("974c5e8b-45b9-4653-ba55-5f855dd0fb88", "Storage Queue Data Contributor")]
    [InlineData("0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", "Storage Table Data Contributor")]
    public void StorageModule_ForAppIdentity_AssignsDataRole(string roleId, string roleName)
    {
        var (template, _) = Assert.Single(CompiledTemplate.Find("Microsoft.Storage/storageAccounts"));
        var roles = template["variables"]!["dataRoles"]!.AsObject().Select(p => p.Value!.GetValue<string>());

        Assert.True(roles.Contains(roleId), roleName + " is not among the storage data roles.");
        Assert.Contains(CompiledTemplate.Find("Microsoft.Authorization/roleAssignments"), x => ReferenceEquals(x.Template, template) && ((string?)x.Resource["name"])!.Contains("appPrincipalId", StringComparison.Ordinal));
    }

    [Fact]
    public void StorageModule_Always_CreatesDeploymentContainerAndTableService()
    {
        Assert.Single(CompiledTemplate.Find("Microsoft.Storage/storageAccounts/blobServices/containers"));
        Assert.Single(CompiledTemplate.Find("Microsoft.Storage/storageAccounts/tableServices"));
        Assert.Single(CompiledTemplate.Find("Microsoft.Storage/storageAccounts/queueServices"));
    }
}
