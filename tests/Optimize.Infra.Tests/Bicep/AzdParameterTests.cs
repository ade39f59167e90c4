using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Optimize.Infra.Tests.Settings;
using Optimize.Policy;

namespace Optimize.Infra.Tests.Bicep;

/// <summary>
/// What azd passes reaches the app: <c>OPTIMIZE_POLICY</c> and <c>OPTIMIZE_NOTIFY_WEBHOOK</c> through
/// main.parameters.json to the app settings, the repository policy file through <c>loadJsonContent</c>, the allowed
/// regions, and the settings the template owns (docs/deploy.md).
/// </summary>
public sealed partial class AzdParameterTests
{
    private static JsonObject ParametersFile =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "infra", "main.parameters.json")))!.AsObject();

    private static JsonObject AppModule => CompiledTemplate.Find("Microsoft.Resources/deployments")
        .Select(x => x.Resource)
        .Single(r => (string?)r["name"] == "optimize-app");

    private static JsonObject AppSettings =>
        Assert.Single(CompiledTemplate.Find("Microsoft.Web/sites/config")).Resource["properties"]!.AsObject();

    [Theory]
    [InlineData("optimizePolicy", "${OPTIMIZE_POLICY=}")]
    [InlineData("notifyWebhook", "${OPTIMIZE_NOTIFY_WEBHOOK=}")]
    public void ParametersFile_AzdVariable_IsBoundWithEmptyDefault(string parameter, string expected)
    {
        Assert.Equal(expected, (string?)ParametersFile["parameters"]![parameter]!["value"]);
        Assert.Equal(string.Empty, (string?)CompiledTemplate.Template["parameters"]![parameter]!["defaultValue"]);
    }

    [Theory]
    [InlineData("policy", "[variables('policy')]", "OPTIMIZE_POLICY")]
    [InlineData("notifyWebhook", "[parameters('notifyWebhook')]", "OPTIMIZE_NOTIFY_WEBHOOK")]
    public void AppModule_Parameter_ReachesAppSetting(string moduleParameter, string passed, string setting)
    {
        Assert.Equal(passed, (string?)AppModule["properties"]!["parameters"]![moduleParameter]!["value"]);
        Assert.Equal($"[parameters('{moduleParameter}')]", (string?)AppSettings[setting]);
    }

    [Fact]
    public void Policy_WhenParameterEmpty_IsRepositoryFileWithOptimizeModeElseParameter()
    {
        var expression = (string?)CompiledTemplate.Template["variables"]!["policy"];

        Assert.Equal(
            "[if(empty(parameters('optimizePolicy')), string(union(createObject('defaultMode', parameters('optimizeMode')), variables('repositoryPolicy'))), parameters('optimizePolicy'))]",
            expression);
    }

    [Fact]
    public void RepositoryPolicy_Compiled_IsTheFileAndAValidPolicy()
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, "infra", "optimize-policy.json"));
        var compiled = CompiledTemplate.Resolve(CompiledTemplate.Template, CompiledTemplate.Template["variables"]!["repositoryPolicy"]);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(text), compiled), "loadJsonContent did not inline infra/optimize-policy.json: " + compiled?.ToJsonString());

        // What the template deploys by default: the file with defaultMode from optimizeMode ('recommend').
        var deployed = JsonNode.Parse(text)!.AsObject();
        deployed.TryAdd("defaultMode", "recommend");
        var result = PolicyLoader.Load(deployed.ToJsonString());
        Assert.Empty(result.Errors.Select(e => e.ToString()));
        Assert.Equal(ChangeMode.Recommend, result.Policy!.DefaultMode);
    }

    [Fact]
    public void NotifyWebhook_Parameter_IsSecure()
    {
        Assert.Equal("securestring", (string?)CompiledTemplate.Template["parameters"]!["notifyWebhook"]!["type"]);
    }

    [Fact]
    public void AzdSubstitution_PolicyPath_ArrivesAsIs()
    {
        var value = SubstitutedValue("optimizePolicy", new() { ["OPTIMIZE_POLICY"] = "policies/prod.json" });

        Assert.Equal("policies/prod.json", value);
    }

    [Fact]
    public void AzdSubstitution_UnsetPolicy_ArrivesEmptySoTheRepositoryFileIsUsed()
    {
        Assert.Equal(string.Empty, SubstitutedValue("optimizePolicy", []));
    }

    [Fact]
    public void AzdSubstitution_InlinePolicyWithEscapedQuotes_ArrivesAsValidPolicy()
    {
        // azd substitutes the raw text of main.parameters.json (envsubst), so docs/deploy.md tells users to escape the
        // quotes of an inline policy: azd env set OPTIMIZE_POLICY '{\"version\":1,\"defaultMode\":\"approve\"}'.
        var value = SubstitutedValue("optimizePolicy", new() { ["OPTIMIZE_POLICY"] = """{\"version\":1,\"defaultMode\":\"approve\"}""" });

        Assert.Equal("""{"version":1,"defaultMode":"approve"}""", value);
        Assert.Equal(ChangeMode.Approve, PolicyLoader.Load(value!).Policy!.DefaultMode);
    }

    [Fact]
    public void AzdSubstitution_InlinePolicyWithRawQuotes_BreaksTheParametersFile()
    {
        // Why the docs say to escape: unescaped quotes end the JSON string early.
        Assert.ThrowsAny<JsonException>(() => SubstitutedValue("optimizePolicy", new() { ["OPTIMIZE_POLICY"] = """{"version":1}""" }));
    }

    [Fact]
    public void Location_Allowed_IsTheDocumentedFlexConsumptionRegions()
    {
        var allowed = CompiledTemplate.Template["parameters"]!["location"]!["allowedValues"]!.AsArray().Select(v => v!.GetValue<string>()).ToList();
        var documented = DocumentedRegions();

        Assert.Equal(documented.Order(StringComparer.Ordinal), allowed.Order(StringComparer.Ordinal));
        Assert.Contains("swedencentral", allowed); // the region README.md and docs/deploy.md deploy to
        Assert.DoesNotContain(allowed, r => r.EndsWith("euap", StringComparison.Ordinal));
        Assert.Equal("location", (string?)CompiledTemplate.Template["parameters"]!["location"]!["metadata"]!["azd"]!["type"]);
    }

    [Fact]
    public void OwnedSettings_Documented_AreExactlyTheBicepAppSettings()
    {
        var owned = SettingsReference.Documented(OwnedSection);

        Assert.Equal(AppSettings.Select(p => p.Key).Order(StringComparer.Ordinal), owned.Order(StringComparer.Ordinal));
    }

    private const string OwnedSection = "## Settings the template owns";

    /// <summary>
    /// main.parameters.json after azd's substitution, parsed, and the value of <paramref name="parameter"/>. azd runs
    /// envsubst over the file's raw text (Azure/azure-dev, cli/azd/pkg/infra/provisioning/bicep/bicep_provider.go,
    /// loadParameters) and then parses the JSON; only the forms this file uses are modelled: <c>${NAME}</c> and
    /// <c>${NAME=default}</c> (default when unset).
    /// </summary>
    private static string? SubstitutedValue(string parameter, Dictionary<string, string> env)
    {
        env.TryAdd("AZURE_ENV_NAME", "optimize-test");
        env.TryAdd("AZURE_LOCATION", "swedencentral");
        var raw = File.ReadAllText(Path.Combine(RepoPaths.Root, "infra", "main.parameters.json"));
        var substituted = Variable().Replace(raw, m => env.TryGetValue(m.Groups["name"].Value, out var v) ? v : m.Groups["default"].Value);
        using var document = JsonDocument.Parse(substituted);
        return document.RootElement.GetProperty("parameters").GetProperty(parameter).GetProperty("value").GetString();
    }

    /// <summary>Region names in the first column of the table under "## Regions" in docs/deploy.md.</summary>
    private static List<string> DocumentedRegions()
    {
        var lines = File.ReadAllLines(Path.Combine(RepoPaths.Root, "docs", "deploy.md"));
        var start = Array.FindIndex(lines, l => l.Trim() == "## Regions");
        Assert.True(start >= 0, "docs/deploy.md has no '## Regions' section.");
        return [.. lines.Skip(start + 1)
            .TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal))
            .Select(l => RegionRow().Match(l))
            .Where(m => m.Success)
            .Select(m => m.Groups["name"].Value)];
    }

    [GeneratedRegex(@"\$\{(?<name>[A-Z_][A-Z0-9_]*)(=(?<default>[^}]*))?\}")]
    private static partial Regex Variable();

    [GeneratedRegex(@"^\|\s*`(?<name>[a-z0-9]+)`\s*\|")]
    private static partial Regex RegionRow();
}
