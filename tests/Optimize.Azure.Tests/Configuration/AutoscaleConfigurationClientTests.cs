using System.Text.Json.Nodes;
using Optimize.Azure.Configuration;
using Optimize.Azure.Tests.Http;
using Optimize.Model;

namespace Optimize.Azure.Tests.Configuration;

public sealed class AutoscaleConfigurationClientTests
{
    private static ArmExample Get => ArmExample.Load("Microsoft.Insights/2022-10-01/getAutoscaleSetting.json");

    [Fact]
    public async Task ReadAsync_GetAutoscaleSettingExample_DefaultProfileCapacityAndCpuRules()
    {
        var env = new TestEnv();
        env.Transport.On("GET", "autoscalesettings/MySetting", Get.Response());

        var read = await new AutoscaleConfigurationClient(env.Arm()).ReadAsync(Refs.Autoscale, TestContext.Current.CancellationToken);

        // Example: profile "adios" (no recurrence), capacity 1/10/1, "Percentage CPU" Increase > 10, Decrease rule threshold 15.
        var config = Assert.IsType<AutoscaleConfig>(read.Config);
        Assert.Equal((1, 10, 1, 10.0, 15.0), (config.Minimum, config.Maximum, config.Default, config.ScaleOutCpuPercent, config.ScaleInCpuPercent));
        Assert.EndsWith("virtualMachineScaleSets/testingsc", config.TargetResourceId, StringComparison.Ordinal);
        Assert.Equal("2022-10-01", Assert.Single(env.Transport.Requests).Query("api-version"));
    }

    [Fact]
    public void Project_CreateOrUpdateExampleResponse_ReadsTheSameShape()
    {
        var body = ArmExample.Load("Microsoft.Insights/2022-10-01/createOrUpdateAutoscaleSetting.json").Body("201");

        var config = AutoscaleConfigurationClient.Project(body);

        Assert.Equal(10, config.Maximum);
    }

    [Fact]
    public async Task ApplyAsync_WithETag_PatchesProfilesWithIfMatchAndReadsBack()
    {
        var before = Get.Body()!;
        var after = Get.Body()!;
        var profile = after["properties"]!["profiles"]![0]!;
        profile["capacity"]!["maximum"] = "6";
        foreach (var rule in profile["rules"]!.AsArray())
        {
            rule!["metricTrigger"]!["threshold"] = rule["scaleAction"]!["direction"]!.GetValue<string>() == "Increase" ? 70.0 : 30.0;
        }

        var etag = new Dictionary<string, string> { ["ETag"] = "\"abc\"" };
        var env = new TestEnv();
        env.Transport
            .On("GET", "autoscalesettings/MySetting", Enumerable.Repeat(new CannedResponse(200, before.ToJsonString(), etag), 3).Append(new CannedResponse(200, after.ToJsonString())).ToArray())
            .On("PATCH", "autoscalesettings/MySetting", ArmExample.Load("Microsoft.Insights/2022-10-01/patchAutoscaleSetting.json").Response());
        var client = new AutoscaleConfigurationClient(env.Arm());
        var current = (AutoscaleConfig)(await client.ReadAsync(Refs.Autoscale, TestContext.Current.CancellationToken)).Config!;

        var result = await client.ApplyAsync(Refs.Autoscale, current with { Maximum = 6, ScaleOutCpuPercent = 70, ScaleInCpuPercent = 30 }, false, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.Failure?.ToString());
        var sent = Assert.Single(env.Transport.Sent("PATCH", "autoscalesettings"));
        Assert.Equal("\"abc\"", sent.Headers["If-Match"]);
        var body = JsonNode.Parse(sent.Body)!.AsObject();
        Assert.Equal(["tags", "properties"], body.Select(p => p.Key));
        var sentProfile = body["properties"]!["profiles"]![0]!;
        Assert.Equal("6", sentProfile["capacity"]!["maximum"]!.GetValue<string>());
        Assert.Equal(70.0, sentProfile["rules"]![0]!["metricTrigger"]!["threshold"]!.GetValue<double>());
        Assert.Equal(30.0, sentProfile["rules"]![1]!["metricTrigger"]!["threshold"]!.GetValue<double>());
    }

    [Fact]
    public async Task ApplyAsync_412_Conflict()
    {
        var env = new TestEnv();
        env.Transport
            .On("GET", "autoscalesettings/MySetting", new CannedResponse(200, Get.Body()!.ToJsonString(), new Dictionary<string, string> { ["ETag"] = "\"abc\"" }))
            .On("PATCH", "autoscalesettings/MySetting", new CannedResponse(412, "{\"error\":{\"code\":\"PreconditionFailed\"}}"));
        var client = new AutoscaleConfigurationClient(env.Arm());
        var current = (AutoscaleConfig)(await client.ReadAsync(Refs.Autoscale, TestContext.Current.CancellationToken)).Config!;

        var result = await client.ApplyAsync(Refs.Autoscale, current with { Maximum = 4 }, false, TestContext.Current.CancellationToken);

        Assert.Equal(Optimize.Changes.ChangeFailureKinds.Conflict, result.Failure?.Kind);
    }

    [Fact]
    public async Task ApplyAsync_GetExampleWithoutETag_PatchesTheWholeSettingWithNewCapacityAndNoIfMatch()
    {
        // specs/NOTES.md (b): AutoscaleSetting.enabled defaults to false (monitor.resource-manager.autoscale_API.2022-10-01.json), so a
        // PATCH without it may disable autoscale; the published PATCH example (patchAutoscaleSetting.json) sends the full setting.
        // The published GET example (getAutoscaleSetting.json) has no ETag header and no body etag: no If-Match.
        var before = Get.Body()!;
        var after = Get.Body()!;
        after["properties"]!["profiles"]![0]!["capacity"]!["minimum"] = "2";
        after["properties"]!["profiles"]![0]!["capacity"]!["maximum"] = "4";
        var env = new TestEnv();
        env.Transport
            .On("GET", "autoscalesettings/MySetting", new CannedResponse(200, before.ToJsonString()), new CannedResponse(200, before.ToJsonString()), new CannedResponse(200, after.ToJsonString()))
            .On("PATCH", "autoscalesettings/MySetting", ArmExample.Load("Microsoft.Insights/2022-10-01/patchAutoscaleSetting.json").Response());
        var client = new AutoscaleConfigurationClient(env.Arm());
        var current = AutoscaleConfigurationClient.Project(before);

        var result = await client.ApplyAsync(Refs.Autoscale, current with { Minimum = 2, Maximum = 4 }, false, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.Failure?.ToString());
        var sent = Assert.Single(env.Transport.Sent("PATCH", "autoscalesettings"));
        Assert.False(sent.Headers.ContainsKey("If-Match"));
        var body = JsonNode.Parse(sent.Body)!;
        var properties = body["properties"]!;
        Assert.True(properties["enabled"]!.GetValue<bool>());
        Assert.Equal("Enabled", properties["predictiveAutoscalePolicy"]!["scaleMode"]!.GetValue<string>());
        Assert.Equal(before["properties"]!["targetResourceUri"]!.GetValue<string>(), properties["targetResourceUri"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(before["properties"]!["notifications"], properties["notifications"]));
        Assert.True(JsonNode.DeepEquals(before["tags"], body["tags"]));
        Assert.Equal("{\"minimum\":\"2\",\"maximum\":\"4\",\"default\":\"1\"}", properties["profiles"]![0]!["capacity"]!.ToJsonString());
        // Every member the published PATCH example sends under properties is sent here too.
        var published = ArmExample.Load("Microsoft.Insights/2022-10-01/patchAutoscaleSetting.json").Parameters["autoscaleSettingResource"]!["properties"]!.AsObject();
        Assert.All(published.Select(p => p.Key), key => Assert.NotNull(properties[key]));
        // Nothing of the ARM envelope is sent (the PATCH body is tags + properties).
        Assert.Equal(["tags", "properties"], body.AsObject().Select(p => p.Key));
    }

    [Fact]
    public async Task ApplyAsync_BodyETagOnly_IfMatchFromBody()
    {
        var before = Get.Body()!;
        before["etag"] = "\"body-etag\"";
        var env = new TestEnv();
        env.Transport
            .On("GET", "autoscalesettings/MySetting", new CannedResponse(200, before.ToJsonString()))
            .On("PATCH", "autoscalesettings/MySetting", new CannedResponse(412, "{\"error\":{\"code\":\"PreconditionFailed\"}}"));

        var result = await new AutoscaleConfigurationClient(env.Arm()).ApplyAsync(
            Refs.Autoscale, AutoscaleConfigurationClient.Project(before) with { Maximum = 4 }, false, TestContext.Current.CancellationToken);

        Assert.Equal(Optimize.Changes.ChangeFailureKinds.Conflict, result.Failure?.Kind);
        Assert.Equal("\"body-etag\"", Assert.Single(env.Transport.Sent("PATCH", "autoscalesettings")).Headers["If-Match"]);
    }

    [Fact]
    public void ReadOnlyProperties_MatchTheSpec()
    {
        // monitor.resource-manager.autoscale_API.2022-10-01.json, definitions.AutoscaleSetting: the PATCH body's properties schema.
        var spec = SpecSchema.Load("whole/monitor.resource-manager.autoscale_API.2022-10-01.json");
        var (readOnly, writable) = SpecSchema.Members(spec["definitions"]!["AutoscaleSetting"]!);

        Assert.Equal(readOnly, AutoscaleConfigurationClient.ReadOnlyProperties.Order(StringComparer.Ordinal));
        Assert.Equal(["enabled", "name", "notifications", "predictiveAutoscalePolicy", "profiles", "targetResourceLocation", "targetResourceUri"], writable);
        // The PATCH envelope (AutoscaleSettingResourcePatch) is tags + properties: what PatchBody builds.
        Assert.Equal(["properties", "tags"], SpecSchema.Members(spec["definitions"]!["AutoscaleSettingResourcePatch"]!).Writable);
    }
}
