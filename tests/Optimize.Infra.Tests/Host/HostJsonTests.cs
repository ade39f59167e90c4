using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Optimize.Infra.Tests.Bicep;
using Optimize.Infra.Tests.Settings;

namespace Optimize.Infra.Tests.Host;

/// <summary>The root host.json, linked into the isolated-worker Function App.</summary>
public sealed class HostJsonTests
{
    private static JsonObject HostJson => JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "host.json")))!.AsObject();

    [Fact]
    public void HostJson_Always_IsVersion2()
    {
        Assert.Equal("2.0", (string?)HostJson["version"]);
    }

    [Fact]
    public void HostJson_ForIsolatedWorker_HasNoExtensionBundle()
    {
        // .NET isolated apps get their extensions from Worker.Extensions.* packages; a bundle is for other languages.
        Assert.False(HostJson.ContainsKey("extensionBundle"));
    }

    [Fact]
    public void HostJson_DurableTask_TakesHubNameFromSettingAndStorageFromHostConnection()
    {
        var durable = HostJson["extensions"]!["durableTask"]!;

        Assert.Equal("%OPTIMIZE_TASK_HUB%", (string?)durable["hubName"]);
        Assert.Equal("AzureStorage", (string?)durable["storageProvider"]!["type"]);
        Assert.Equal("AzureWebJobsStorage", (string?)durable["storageProvider"]!["connectionName"]);
    }

    [Fact]
    public void HostJson_DurableTask_PollsQueuesAtMostEveryTenSecondsOnFlex()
    {
        var interval = TimeSpan.Parse((string)HostJson["extensions"]!["durableTask"]!["storageProvider"]!["maxQueuePollingInterval"]!, CultureInfo.InvariantCulture);

        Assert.InRange(interval, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void HostJson_Sampling_ExcludesRequests()
    {
        var sampling = HostJson["logging"]!["applicationInsights"]!["samplingSettings"]!;

        Assert.True(sampling["isEnabled"]!.GetValue<bool>());
        Assert.Equal("Request", (string?)sampling["excludedTypes"]);
    }

    [Fact]
    public void HostJson_FunctionTimeout_IsBounded()
    {
        var timeout = TimeSpan.Parse((string)HostJson["functionTimeout"]!, CultureInfo.InvariantCulture);

        Assert.InRange(timeout, TimeSpan.FromMinutes(5), TimeSpan.FromHours(1));
    }

    [Fact]
    public void HostJson_SettingReferences_AreSetLocallyAndInAzure()
    {
        // Every %NAME% in host.json must resolve both under Core Tools and in the deployed app.
        var names = Regex.Matches(File.ReadAllText(Path.Combine(RepoPaths.Root, "host.json")), "%([A-Za-z0-9_]+)%")
            .Select(m => m.Groups[1].Value)
            .ToList();
        var azure = Assert.Single(CompiledTemplate.Find("Microsoft.Web/sites/config")).Resource["properties"]!.AsObject();

        Assert.NotEmpty(names);
        Assert.All(names, n => Assert.Contains(n, SettingsReference.LocalSample()));
        Assert.All(names, n => Assert.True(azure.ContainsKey(n), n + " is not set in the Bicep app settings."));
    }
}
