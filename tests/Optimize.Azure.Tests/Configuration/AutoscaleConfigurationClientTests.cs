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
        Assert.Equal(["properties"], body.Select(p => p.Key));
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
}
