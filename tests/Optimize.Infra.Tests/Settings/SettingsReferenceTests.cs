using System.Text.Json.Nodes;
using Optimize.Infra.Tests.Bicep;

namespace Optimize.Infra.Tests.Settings;

/// <summary>docs/deploy.md, local.settings.sample.json and the Bicep app settings list the same settings.</summary>
public sealed class SettingsReferenceTests
{
    [Fact]
    public void Reference_Always_ListsTheBriefedSettings()
    {
        var documented = SettingsReference.Documented();

        Assert.Subset(documented.ToHashSet(), new HashSet<string>
        {
            "OPTIMIZE_POLICY", "OPTIMIZE_NIGHTLY_SCHEDULE", "OPTIMIZE_SUBSCRIPTIONS", "OPTIMIZE_JOURNAL_TABLE_ENDPOINT",
            "OPTIMIZE_JOURNAL_CONNECTION", "OPTIMIZE_TASK_HUB", "AZURE_CLIENT_ID", "FUNCTIONS_WORKER_RUNTIME", "AzureWebJobsStorage",
        });
        Assert.Equal(documented.Count, documented.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void LocalSample_ComparedWithReference_ListsEveryDocumentedSetting()
    {
        var missing = SettingsReference.Documented().Except(SettingsReference.LocalSample(), StringComparer.Ordinal);

        Assert.Empty(missing);
    }

    [Fact]
    public void LocalSample_ComparedWithReference_HasNoUndocumentedSetting()
    {
        var undocumented = SettingsReference.LocalSample().Except(SettingsReference.Documented(), StringComparer.Ordinal);

        Assert.Empty(undocumented);
    }

    [Fact]
    public void BicepAppSettings_ComparedWithReference_AreAllDocumented()
    {
        var settings = Assert.Single(CompiledTemplate.Find("Microsoft.Web/sites/config")).Resource["properties"]!.AsObject();
        var documented = SettingsReference.Documented().Concat(SettingsReference.Documented(SettingsReference.AzureOnlySection));

        var undocumented = settings.Select(p => p.Key).Except(documented, StringComparer.Ordinal);

        Assert.Empty(undocumented);
    }

    [Fact]
    public void AzureOnlySettings_Always_AreTheIdentityBasedHostStorageSettings()
    {
        var azureOnly = SettingsReference.Documented(SettingsReference.AzureOnlySection);

        Assert.Equal(["AzureWebJobsStorage__accountName", "AzureWebJobsStorage__credential", "AzureWebJobsStorage__clientId"], azureOnly);
        Assert.Empty(azureOnly.Intersect(SettingsReference.LocalSample(), StringComparer.Ordinal));
    }

    [Fact]
    public void LocalSample_ForLocalRuns_UsesTheStorageEmulatorAndIsolatedWorker()
    {
        var values = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "local.settings.sample.json")))!["Values"]!;

        Assert.Equal("UseDevelopmentStorage=true", (string?)values["AzureWebJobsStorage"]);
        Assert.Equal("UseDevelopmentStorage=true", (string?)values["OPTIMIZE_JOURNAL_CONNECTION"]);
        Assert.Equal("dotnet-isolated", (string?)values["FUNCTIONS_WORKER_RUNTIME"]);
        Assert.Equal("0 0 2 * * *", (string?)values["OPTIMIZE_NIGHTLY_SCHEDULE"]);
    }

    [Theory]
    [InlineData("environmentName", "${AZURE_ENV_NAME}")]
    [InlineData("location", "${AZURE_LOCATION}")]
    public void Parameters_ForAzd_AreBoundToEnvironment(string parameter, string expected)
    {
        var parameters = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "infra", "main.parameters.json")))!["parameters"]!;

        Assert.Equal(expected, (string?)parameters[parameter]!["value"]);
    }

    [Fact]
    public void Parameters_File_BindsOnlyDeclaredParameters()
    {
        var parameters = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "infra", "main.parameters.json")))!["parameters"]!.AsObject();
        var declared = CompiledTemplate.Template["parameters"]!.AsObject().Select(p => p.Key);

        Assert.Empty(parameters.Select(p => p.Key).Except(declared, StringComparer.Ordinal));
    }
}
