using Optimize.Azure.Alerts;
using Optimize.Testing;

namespace Optimize.Azure.Tests.Alerts;

/// <summary>The bad-alert corpus (Alerts/BadInputs): every body is refused with a message a user can act on.</summary>
public sealed class AlertPayloadParserBadInputTests
{
    private static readonly string Folder = Path.Combine(RepoPaths.Root, "tests", "Optimize.Azure.Tests", "Alerts", "BadInputs");

    /// <summary>File → words its error must contain.</summary>
    public static TheoryData<string, string> Corpus => new()
    {
        { "duplicate-target-key.json", "not valid JSON" },
        { "duplicate-schema-key.json", "not valid JSON" },
        { "legacy-activity-log.json", "Turn on the common alert schema" },
        { "legacy-log-alert.json", "legacy 'Microsoft.Insights/LogAlert' schema" },
        { "truncated.json", "not valid JSON" },
        { "array.json", "not a JSON object" },
        { "blank.json", "empty" },
        { "no-targets.json", "names no target resource" },
        { "targets-not-arm.json", "names no target resource" },
        { "essentials-not-object.json", "has no data.essentials" },
        { "unknown-schema.json", "Unknown alert schemaId 'Contoso.CustomAlert'" },
        { "no-schema.json", "has no schemaId" },
    };

    [Theory]
    [MemberData(nameof(Corpus))]
    public void Parse_BadBody_FailsWithAClearMessage(string file, string expected)
    {
        var result = AlertPayloadParser.Parse(File.ReadAllText(Path.Combine(Folder, file)));

        Assert.False(result.Succeeded);
        Assert.Empty(result.Signals);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Corpus_EveryFileHasAnExpectation()
    {
        var listed = Corpus.Select(row => row.Data.Item1).ToHashSet(StringComparer.Ordinal);
        var files = Directory.GetFiles(Folder, "*.json").Select(Path.GetFileName).ToArray();

        Assert.Equal(files.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Parse_LegacySchemas_TellTheUserToTurnOnTheCommonSchema()
    {
        foreach (var file in new[] { "legacy-activity-log.json", "legacy-log-alert.json", "unknown-schema.json", "no-schema.json" })
        {
            var result = AlertPayloadParser.Parse(File.ReadAllText(Path.Combine(Folder, file)));

            Assert.Contains("Use common alert schema: Yes", result.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Parse_FortyThousandCharacterRuleName_KeptToAzuresLimitWithAnEllipsis()
    {
        var rule = new string('r', 40_000);
        var description = new string('d', 100_000);
        var body = "{\"schemaId\":\"azureMonitorCommonAlertSchema\",\"data\":{\"essentials\":{\"alertId\":\"a1\",\"alertRule\":\"" + rule
            + "\",\"severity\":\"Sev2\",\"signalType\":\"Metric\",\"monitorCondition\":\"Fired\",\"description\":\"" + description
            + "\",\"firedDateTime\":\"2026-12-01T02:00:00Z\",\"alertTargetIDs\":[\"/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1\"]}}}";

        var signal = Assert.Single(AlertPayloadParser.Parse(body).Signals);

        Assert.Equal(AlertPayloadParser.MaxRuleNameLength, signal.RuleName.Length);
        Assert.EndsWith("r…", signal.RuleName, StringComparison.Ordinal);
        Assert.Equal(AlertPayloadParser.MaxDescriptionLength, signal.Description.Length);
        Assert.Equal("Metric", signal.SignalType);
    }

    [Theory]
    [InlineData("common-schema/alerts-payload-samples.md__test-action-activity-log-alert.json", "Activity Log")]
    [InlineData("common-schema/alerts-payload-samples.md__test-action-metric-alert-static-threshold.json", "Metric")]
    [InlineData("legacy/alerts-non-common-schema-definitions.md__metric-alert-static-threshold.json", "Metric")]
    public void Parse_PublishedPayload_CarriesItsSignalType(string file, string signalType)
    {
        var result = AlertPayloadParser.Parse(File.ReadAllText(RepoPaths.SharedFile("fixtures/alerts/" + file)));

        Assert.Equal(signalType, Assert.Single(result.Signals).SignalType);
    }
}
