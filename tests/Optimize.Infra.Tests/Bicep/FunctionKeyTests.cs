using System.Text.RegularExpressions;

namespace Optimize.Infra.Tests.Bicep;

/// <summary>
/// One key per caller role: the alert action group holds the AlertWebhook function's own key, and the template hands
/// that key (or any other) to nothing else, so it never opens approve, reject, passes, status or the change list.
/// </summary>
public sealed class FunctionKeyTests
{
    [Fact]
    public void AlertKey_ReadOnce_OnlyInTheActionGroupReceiverUrl()
    {
        var all = string.Concat(CompiledTemplate.AllTemplates().Select(t => t.ToJsonString()));
        var (_, group) = Assert.Single(CompiledTemplate.Find("Microsoft.Insights/actionGroups"));
        var url = (string?)Assert.Single(group["properties"]!["azureFunctionReceivers"]!.AsArray())!["httpTriggerUrl"];

        // Nested templates are also inside the main one's text, so count in the main template alone.
        var reads = Regex.Matches(CompiledTemplate.Text, @"listKeys\(", RegexOptions.IgnoreCase);
        Assert.Single(reads);
        Assert.Matches(@"listKeys\(format\('\{0\}/functions/AlertWebhook'", url);
        Assert.Contains("/api/alerts?code=", url, StringComparison.Ordinal);
        Assert.DoesNotContain("listFunctionKeys", all, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("/host/", all, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Outputs_AnyTemplate_CarryNoKeyOrKeyedUrl()
    {
        var outputs = CompiledTemplate.AllTemplates()
            .SelectMany(t => t["outputs"]?.AsObject().Select(o => (Name: o.Key, Value: o.Value!.ToJsonString())) ?? [])
            .ToList();

        Assert.NotEmpty(outputs);
        Assert.All(outputs, o =>
        {
            Assert.DoesNotContain("listKeys", o.Value, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("code=", o.Value, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("httpTriggerUrl", o.Value, StringComparison.OrdinalIgnoreCase);
        });
    }

    [Fact]
    public void AppSettings_AnyTemplate_CarryNoFunctionKey()
    {
        var configs = CompiledTemplate.Find("Microsoft.Web/sites/config");

        Assert.NotEmpty(configs);
        Assert.All(configs, c =>
        {
            var settings = c.Resource["properties"]!.ToJsonString();
            Assert.Contains("OPTIMIZE_", settings, StringComparison.Ordinal); // the app settings block itself
            Assert.DoesNotContain("listKeys", settings, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("code=", settings, StringComparison.OrdinalIgnoreCase);
        });
    }
}
