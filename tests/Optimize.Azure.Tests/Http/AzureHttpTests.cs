using System.Text.Json.Nodes;
using Azure.Core;
using Optimize.Azure.Http;
using Optimize.Changes;

namespace Optimize.Azure.Tests.Http;

public sealed class AzureHttpTests
{
    private const string Url = "https://management.azure.com/subscriptions/s/resourceGroups/rg/providers/Microsoft.Web/serverfarms/p?api-version=2024-11-01";

    [Theory]
    [InlineData("retry-after-ms", "40", 40)]
    [InlineData("Retry-After", "1", 1000)]
    public async Task SendAsync_429WithRetryAfterThenSuccess_RetriesHonouringTheServerDelay(string header, string value, int expectedMs)
    {
        var delays = new RecordingDelayStrategy();
        var env = new TestEnv(configure: o => o.RetryDelayStrategy = delays);
        env.Transport.On("GET", "serverfarms/p",
            new CannedResponse(429, "{}", new Dictionary<string, string> { [header] = value }),
            new CannedResponse(200, "{\"ok\":true}"));

        var response = await env.Arm().SendAsync(RequestMethod.Get, new Uri(Url), null, "GET plan", ArmActions.ServerFarmRead, TestContext.Current.CancellationToken);

        Assert.Equal(200, response.Status);
        Assert.Equal(2, env.Transport.Requests.Count);
        // The strategy's own delay is 1 ms; the larger floor can only come from the server's header.
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), Assert.Single(delays.Delays));
    }

    [Fact]
    public async Task SendAsync_500ThenSuccess_Retries()
    {
        var env = new TestEnv();
        env.Transport.On("GET", "serverfarms/p", new CannedResponse(500, "{}"), new CannedResponse(200, "{}"));

        var response = await env.Arm().SendAsync(RequestMethod.Get, new Uri(Url), null, "GET plan", ArmActions.ServerFarmRead, TestContext.Current.CancellationToken);

        Assert.Equal(200, response.Status);
        Assert.Equal(2, env.Transport.Requests.Count);
    }

    [Fact]
    public async Task SendAsync_NetworkTimeoutEveryAttempt_TransientAfterRetries()
    {
        var env = new TestEnv(maxRetries: 1, configure: o => o.NetworkTimeout = TimeSpan.FromMilliseconds(50));
        env.Transport.On("GET", "serverfarms/p", new CannedResponse(200, Hang: true));

        var ex = await Assert.ThrowsAsync<AzureCallException>(() =>
            env.Arm().SendAsync(RequestMethod.Get, new Uri(Url), null, "GET plan", ArmActions.ServerFarmRead, TestContext.Current.CancellationToken));

        Assert.Equal(ChangeFailureKinds.Transient, ex.Failure.Kind);
        Assert.Equal(2, env.Transport.Requests.Count);
    }

    [Fact]
    public async Task SendAsync_NetworkErrorEveryAttempt_TransientAfterRetries()
    {
        var env = new TestEnv(maxRetries: 2);
        env.Transport.On("GET", "serverfarms/p", new CannedResponse(200, Throw: true));

        var ex = await Assert.ThrowsAsync<AzureCallException>(() =>
            env.Arm().SendAsync(RequestMethod.Get, new Uri(Url), null, "GET plan", ArmActions.ServerFarmRead, TestContext.Current.CancellationToken));

        Assert.Equal(ChangeFailureKinds.Transient, ex.Failure.Kind);
        Assert.Equal(3, env.Transport.Requests.Count);
    }

    [Fact]
    public async Task SendAsync_429EveryAttempt_Throttled()
    {
        var env = new TestEnv(maxRetries: 2);
        env.Transport.On("GET", "serverfarms/p", new CannedResponse(429, "{}", new Dictionary<string, string> { ["retry-after-ms"] = "1" }));

        var ex = await Assert.ThrowsAsync<AzureCallException>(() =>
            env.Arm().SendAsync(RequestMethod.Get, new Uri(Url), null, "GET plan", ArmActions.ServerFarmRead, TestContext.Current.CancellationToken));

        Assert.Equal(ChangeFailureKinds.Throttled, ex.Failure.Kind);
        Assert.Equal(3, env.Transport.Requests.Count);
    }

    [Fact]
    public async Task SendAsync_MalformedJson_UnexpectedNamingTheCall()
    {
        var env = new TestEnv();
        env.Transport.On("GET", "serverfarms/p", new CannedResponse(200, "{\"sku\": {\"name\": "));

        var ex = await Assert.ThrowsAsync<AzureCallException>(() =>
            env.Arm().SendAsync(RequestMethod.Get, new Uri(Url), null, "GET plan", ArmActions.ServerFarmRead, TestContext.Current.CancellationToken));

        Assert.Equal(ChangeFailureKinds.Unexpected, ex.Failure.Kind);
        Assert.Contains("GET plan returned malformed JSON", ex.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_403_ForbiddenNamingThePermission()
    {
        var env = new TestEnv();
        env.Transport.On("PATCH", "serverfarms/p", new CannedResponse(403, "{\"error\":{\"code\":\"AuthorizationFailed\",\"message\":\"no\"}}"));

        var ex = await Assert.ThrowsAsync<AzureCallException>(() =>
            env.Arm().SendAsync(RequestMethod.Patch, new Uri(Url), new JsonObject(), "PATCH plan", ArmActions.ServerFarmWrite, TestContext.Current.CancellationToken));

        Assert.Equal(ChangeFailureKinds.Forbidden, ex.Failure.Kind);
        Assert.Contains("Microsoft.Web/serverfarms/write", ex.Failure.Message, StringComparison.Ordinal);
        Assert.Contains("AuthorizationFailed", ex.Failure.Message, StringComparison.Ordinal);
        Assert.Single(env.Transport.Requests);
    }

    [Fact]
    public async Task SendAsync_Always_SendsBearerTokenForTheArmAudience()
    {
        var env = new TestEnv();
        env.Transport.On("GET", "serverfarms/p", new CannedResponse(200, "{}"));

        await env.Arm().SendAsync(RequestMethod.Get, new Uri(Url), null, "GET plan", ArmActions.ServerFarmRead, TestContext.Current.CancellationToken);

        Assert.Equal("Bearer test-token", Assert.Single(env.Transport.Requests).Headers["Authorization"]);
        Assert.Contains(AzurePipelines.ArmScope, env.Credential.Scopes);
    }

    [Fact]
    public async Task WaitForCompletionAsync_AsyncOperationEndsFailed_OperationFailedWithAzureMessage()
    {
        var env = new TestEnv();
        var http = env.Arm();
        env.Transport.On("GET", "/operationresults/op1",
            new CannedResponse(200, "{\"status\":\"InProgress\"}", new Dictionary<string, string> { ["Retry-After"] = "0" }),
            new CannedResponse(200, "{\"status\":\"Failed\",\"error\":{\"code\":\"SkuNotAvailable\",\"message\":\"P3v3 is not available\"}}"));
        var initial = new AzureResponse(202, null, null, "https://management.azure.com/operationresults/op1", null, null);

        var ex = await Assert.ThrowsAsync<AzureCallException>(() => http.WaitForCompletionAsync(initial, "PATCH plan", ArmActions.ServerFarmRead, TestContext.Current.CancellationToken));

        Assert.Equal(ChangeFailureKinds.OperationFailed, ex.Failure.Kind);
        Assert.Contains("SkuNotAvailable P3v3 is not available", ex.Failure.Message, StringComparison.Ordinal);
        Assert.Equal(2, env.Transport.Requests.Count);
    }

    [Fact]
    public async Task WaitForCompletionAsync_LocationOf202ScaleOutExample_PollsUntilNot202()
    {
        var example = ArmExample.Load("Microsoft.Compute/2025-11-01/VirtualMachineScaleSet_ScaleOut.json");
        var location = example.Headers("202").First(h => h.Key.Equals("location", StringComparison.OrdinalIgnoreCase)).Value;
        var env = new TestEnv();
        env.Transport.On("GET", new Uri(location).AbsolutePath, new CannedResponse(202, string.Empty), new CannedResponse(200, string.Empty));
        var initial = new AzureResponse(202, null, null, null, location, null);

        await env.Arm().WaitForCompletionAsync(initial, "POST scaleOut", ArmActions.ScaleSetWrite, TestContext.Current.CancellationToken);

        Assert.Equal(2, env.Transport.Requests.Count);
        Assert.All(env.Transport.Requests, r => Assert.Equal(location, r.Uri.AbsoluteUri));
    }
}
