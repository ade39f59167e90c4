using Optimize.Policy;

namespace Optimize.Hosting.Tests;

/// <summary>Reading and validating the Function App's settings: every problem listed, naming its setting.</summary>
public sealed class OptimizeSettingsTests
{
    private const string Sub1 = "8f2d6c1e-4b7a-4e2d-9c31-5a0e7b9d2f11";
    private const string Sub2 = "3a9c0d47-1e6b-4f58-8d2a-b7c4e9f01a22";

    private static Dictionary<string, string?> Valid() => new()
    {
        [OptimizeSettings.SubscriptionsSetting] = Sub1,
        [OptimizeSettings.JournalConnectionSetting] = "UseDevelopmentStorage=true",
    };

    private static SettingsResult Load(Dictionary<string, string?> values, Func<string, string>? readFile = null) =>
        OptimizeSettings.Load(name => values.GetValueOrDefault(name), readFile ?? (path => throw new FileNotFoundException($"no file {path}", path)));

    [Theory]
    [InlineData(OptimizeSettings.SubscriptionsSetting, null, "OPTIMIZE_SUBSCRIPTIONS: set at least one subscription id")]
    [InlineData(OptimizeSettings.SubscriptionsSetting, " , ", "OPTIMIZE_SUBSCRIPTIONS: set at least one subscription id")]
    [InlineData(OptimizeSettings.SubscriptionsSetting, "not-a-guid", "OPTIMIZE_SUBSCRIPTIONS: 'not-a-guid' is not a subscription id")]
    [InlineData(OptimizeSettings.ResourceGroupsSetting, "rg-ok,bad/group", "OPTIMIZE_RESOURCE_GROUPS: 'bad/group' is not a valid resource group name")]
    [InlineData(OptimizeSettings.ScheduleSetting, "0 2 * * *", "OPTIMIZE_NIGHTLY_SCHEDULE: '0 2 * * *' is not a six-field NCRONTAB expression")]
    [InlineData(OptimizeSettings.JournalConnectionSetting, null, "OPTIMIZE_JOURNAL_TABLE_ENDPOINT or OPTIMIZE_JOURNAL_CONNECTION: set one")]
    [InlineData(OptimizeSettings.JournalEndpointSetting, "http://acct.table.core.windows.net", "OPTIMIZE_JOURNAL_TABLE_ENDPOINT: 'http://acct.table.core.windows.net' is not an https URL")]
    [InlineData(OptimizeSettings.JournalEndpointSetting, "acct.table.core.windows.net", "OPTIMIZE_JOURNAL_TABLE_ENDPOINT: 'acct.table.core.windows.net' is not an https URL")]
    [InlineData(OptimizeSettings.PolicySetting, "/etc/optimize/missing.json", "OPTIMIZE_POLICY: cannot read policy file '/etc/optimize/missing.json'")]
    [InlineData(OptimizeSettings.PolicySetting, "{\"version\": 1, \"defaultMode\": \"sometimes\"}", "OPTIMIZE_POLICY: /defaultMode:")]
    [InlineData(OptimizeSettings.PolicySetting, "{ not json", "OPTIMIZE_POLICY: (document): malformed JSON")]
    [InlineData(OptimizeSettings.NotifyWebhookSetting, "http://hooks.example.net/x", "OPTIMIZE_NOTIFY_WEBHOOK: 'http://hooks.example.net/x' is not an https URL")]
    [InlineData(OptimizeSettings.NotifyWebhookSetting, "hooks.example.net/x", "OPTIMIZE_NOTIFY_WEBHOOK: 'hooks.example.net/x' is not an https URL")]
    public void Load_OneSettingInvalid_OneErrorNamingTheSetting(string setting, string? value, string expected)
    {
        var values = Valid();
        values[setting] = value;

        var result = Load(values);

        Assert.Null(result.Settings);
        var error = Assert.Single(result.Errors);
        Assert.StartsWith(expected, error, StringComparison.Ordinal);
        var thrown = Assert.Throws<InvalidOperationException>(result.GetOrThrow);
        Assert.Contains(error, thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SeveralProblems_ListsEveryOne()
    {
        var values = new Dictionary<string, string?>
        {
            [OptimizeSettings.SubscriptionsSetting] = $"{Sub1},nope",
            [OptimizeSettings.ResourceGroupsSetting] = "a/b",
            [OptimizeSettings.ScheduleSetting] = "nightly",
            [OptimizeSettings.JournalEndpointSetting] = "ftp://x",
            [OptimizeSettings.PolicySetting] = "{\"version\": 1, \"defaultMode\": \"sometimes\", \"colour\": \"blue\"}",
        };

        var result = Load(values);

        Assert.Null(result.Settings);
        Assert.Equal(
            [
                "OPTIMIZE_JOURNAL_TABLE_ENDPOINT", "OPTIMIZE_NIGHTLY_SCHEDULE", "OPTIMIZE_POLICY", "OPTIMIZE_POLICY",
                "OPTIMIZE_RESOURCE_GROUPS", "OPTIMIZE_SUBSCRIPTIONS",
            ],
            result.Errors.Select(e => e[..e.IndexOf(':', StringComparison.Ordinal)]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Load_InvalidInlinePolicy_ListsThePolicyErrorsWithTheirJsonPaths()
    {
        var values = Valid();
        values[OptimizeSettings.PolicySetting] = """
            {"version": 1, "defaultMode": "sometimes", "limits": {"maxInFlight": -1}, "colour": "blue"}
            """;

        var result = Load(values);

        var paths = result.Errors.Select(e => e.Split(": ")[1]).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["/colour", "/defaultMode", "/limits/maxInFlight"], paths);
        Assert.All(result.Errors, e => Assert.StartsWith("OPTIMIZE_POLICY: ", e, StringComparison.Ordinal));
    }

    [Fact]
    public void Load_MinimalAzureDefaultPolicyInline_Loads()
    {
        var values = Valid();
        values[OptimizeSettings.PolicySetting] = """{"version":1,"defaultMode":"recommend"}""";

        var settings = Load(values).GetOrThrow();

        Assert.Equal(ChangeMode.Recommend, settings.Policy.DefaultMode);
    }

    [Fact]
    public void Load_PolicyFilePath_ReadsTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"optimize-policy-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{"version": 1, "defaultMode": "approve"}""");
        try
        {
            var values = Valid();
            values[OptimizeSettings.PolicySetting] = "  " + path + " ";

            var settings = OptimizeSettings.Load(name => values.GetValueOrDefault(name)).GetOrThrow();

            Assert.Equal(ChangeMode.Approve, settings.Policy.DefaultMode);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Load_PolicyFilePath_UsesTheInjectedReader()
    {
        var values = Valid();
        values[OptimizeSettings.PolicySetting] = "policies/prod.json";
        var read = new List<string>();

        var settings = Load(values, path =>
        {
            read.Add(path);
            return """{"version": 1, "defaultMode": "auto"}""";
        }).GetOrThrow();

        Assert.Equal(["policies/prod.json"], read);
        Assert.Equal(ChangeMode.Auto, settings.Policy.DefaultMode);
    }

    [Fact]
    public void Load_InvalidPolicyFile_ListsItsErrors()
    {
        var values = Valid();
        values[OptimizeSettings.PolicySetting] = "policy.json";

        var result = Load(values, _ => """{"version": 1, "defaultMode": "sometimes"}""");

        Assert.StartsWith("OPTIMIZE_POLICY: /defaultMode: ", Assert.Single(result.Errors), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Load_EmptyOptionalSettings_CountAsAbsent(string empty)
    {
        var values = Valid();
        values[OptimizeSettings.PolicySetting] = empty;
        values[OptimizeSettings.ScheduleSetting] = empty;
        values[OptimizeSettings.ResourceGroupsSetting] = empty;
        values[OptimizeSettings.JournalEndpointSetting] = empty;
        values[OptimizeSettings.ClientIdSetting] = empty;

        var settings = Load(values).GetOrThrow();

        Assert.Equal(new OptimizePolicy().DefaultMode, settings.Policy.DefaultMode);
        Assert.Empty(settings.ResourceGroups);
        Assert.Null(settings.JournalEndpoint);
        Assert.Equal("UseDevelopmentStorage=true", settings.JournalConnection);
        Assert.Null(settings.ManagedIdentityClientId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Load_EmptyRequiredSettings_AreMissing(string empty)
    {
        var result = Load(new Dictionary<string, string?>
        {
            [OptimizeSettings.SubscriptionsSetting] = empty,
            [OptimizeSettings.JournalConnectionSetting] = empty,
            [OptimizeSettings.JournalEndpointSetting] = empty,
        });

        Assert.Equal(2, result.Errors.Count);
        Assert.Contains(result.Errors, e => e.StartsWith("OPTIMIZE_SUBSCRIPTIONS: set at least one", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.StartsWith("OPTIMIZE_JOURNAL_TABLE_ENDPOINT or OPTIMIZE_JOURNAL_CONNECTION", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_EverySettingValid_ReadsThemAll()
    {
        var values = new Dictionary<string, string?>
        {
            [OptimizeSettings.SubscriptionsSetting] = $" {Sub1} , {Sub2} ",
            [OptimizeSettings.ResourceGroupsSetting] = "rg-web,rg.data_(1)",
            [OptimizeSettings.ScheduleSetting] = "0 0 2 * * *",
            [OptimizeSettings.JournalEndpointSetting] = "https://acct.table.core.windows.net",
            [OptimizeSettings.JournalConnectionSetting] = "UseDevelopmentStorage=true",
            [OptimizeSettings.ClientIdSetting] = "11111111-2222-3333-4444-555555555555",
        };

        var settings = Load(values).GetOrThrow();

        Assert.Equal([Sub1, Sub2], settings.Subscriptions);
        Assert.Equal(["rg-web", "rg.data_(1)"], settings.ResourceGroups);
        // Both journal settings: the connection string wins (docs/deploy.md), the endpoint is still validated.
        Assert.Null(settings.JournalEndpoint);
        Assert.Equal("UseDevelopmentStorage=true", settings.JournalConnection);
        Assert.Equal("11111111-2222-3333-4444-555555555555", settings.ManagedIdentityClientId);
    }

    [Fact]
    public void Load_EndpointOnly_UsesTheEndpoint()
    {
        var values = new Dictionary<string, string?>
        {
            [OptimizeSettings.SubscriptionsSetting] = Sub1,
            [OptimizeSettings.JournalEndpointSetting] = "https://acct.table.core.windows.net",
        };

        var settings = Load(values).GetOrThrow();

        Assert.Equal(new Uri("https://acct.table.core.windows.net"), settings.JournalEndpoint);
        Assert.Null(settings.JournalConnection);
    }

    [Fact]
    public void Load_NotifyWebhookAndHostName_BecomeTheChannelAndTheLinkBase()
    {
        var values = Valid();
        values[OptimizeSettings.NotifyWebhookSetting] = "https://hooks.example.net/services/T0/B0/x";
        values[OptimizeSettings.HostNameSetting] = "func-optimize-abc.azurewebsites.net";

        var settings = Load(values).Settings!;

        Assert.Equal(new Uri("https://hooks.example.net/services/T0/B0/x"), settings.NotifyWebhook);
        Assert.Equal(new Uri("https://func-optimize-abc.azurewebsites.net"), settings.AppUrl);
    }

    [Fact]
    public void Load_NoNotifyWebhook_NoChannel()
    {
        var settings = Load(Valid()).Settings!;

        Assert.Null(settings.NotifyWebhook);
        Assert.Null(settings.AppUrl);
    }

    [Fact]
    public void Load_Emulator_LoopbackWithPinAccepted_AnythingElseRefusedNamingTheSetting()
    {
        var pin = new string('c', 64);
        var values = Valid();
        values[OptimizeSettings.EmulatorSetting] = "https://127.0.0.1:8443";
        values[OptimizeSettings.EmulatorPinSetting] = pin;

        var settings = Load(values).GetOrThrow();

        Assert.Equal(new Uri("https://127.0.0.1:8443"), settings.Emulator);
        Assert.Equal(pin, settings.EmulatorPin);
        Assert.Null(Load(Valid()).GetOrThrow().Emulator);

        values[OptimizeSettings.EmulatorSetting] = "https://management.azure.com";
        var remote = Load(values);
        Assert.Null(remote.Settings);
        Assert.Contains(remote.Errors, e => e.Contains("OPTIMIZE_EMULATOR", StringComparison.Ordinal) && e.Contains("not a loopback HTTPS address", StringComparison.Ordinal));

        values[OptimizeSettings.EmulatorSetting] = "https://127.0.0.1:8443";
        values[OptimizeSettings.EmulatorPinSetting] = null;
        Assert.Contains(Load(values).Errors, e => e.Contains("OPTIMIZE_EMULATOR_PIN: needs", StringComparison.Ordinal));
    }
}
