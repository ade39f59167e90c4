using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Optimize.Infra.Tests.Settings;

/// <summary>The settings reference table of docs/deploy.md and the settings files it must agree with.</summary>
internal static partial class SettingsReference
{
    /// <summary>Heading of the table of settings the app and the Functions host read (locally and in Azure).</summary>
    public const string ReferenceSection = "## Settings reference";

    /// <summary>Heading of the table of settings only the Azure deployment sets (identity-based host storage).</summary>
    public const string AzureOnlySection = "## Azure-only settings";

    /// <summary>Setting names listed in the first column of the table under <paramref name="section"/> in docs/deploy.md.</summary>
    public static IReadOnlyList<string> Documented(string section = ReferenceSection)
    {
        var lines = File.ReadAllLines(Path.Combine(RepoPaths.Root, "docs", "deploy.md"));
        var start = Array.FindIndex(lines, l => l.Trim() == section);
        Assert.True(start >= 0, $"docs/deploy.md has no '{section}' section.");

        return [.. lines
            .Skip(start + 1)
            .TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal))
            .Select(l => SettingRow().Match(l))
            .Where(m => m.Success)
            .Select(m => m.Groups["name"].Value)];
    }

    /// <summary>Keys of <c>Values</c> in local.settings.sample.json.</summary>
    public static IReadOnlyList<string> LocalSample()
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "local.settings.sample.json")))!;
        return [.. json["Values"]!.AsObject().Select(p => p.Key)];
    }

    [GeneratedRegex(@"^\|\s*`(?<name>[A-Za-z_][A-Za-z0-9_]*)`\s*\|")]
    private static partial Regex SettingRow();
}
