using Optimize.Azure.Tests.Http;
using Optimize.Model;

namespace Optimize.Azure.Tests;

public sealed class AzureAdaptersTests
{
    [Fact]
    public void Create_InvalidOptions_ListsEveryViolation()
    {
        var options = new AzureAdapterOptions { MaxRetries = -1, MetricsConcurrency = 0, ResourceGraphPageSize = 5000 };

        var ex = Assert.Throws<ArgumentException>(() => AzureAdapters.Create(new FakeCredential(), options));

        Assert.Contains("MaxRetries", ex.Message, StringComparison.Ordinal);
        Assert.Contains("MetricsConcurrency", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ResourceGraphPageSize", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_WithTransport_PortsRouteThroughTheSharedPipeline()
    {
        var env = new TestEnv();
        env.Transport.On("GET", "serverfarms/testsf6141", ArmExample.Load("Microsoft.Web/2026-07-15/GetAppServicePlan.json").Response());
        var engine = AzureAdapters.Create(env.Credential, env.Options);

        var read = await engine.Configuration.ReadAsync(Configuration.Refs.Plan, TestContext.Current.CancellationToken);

        Assert.Equal(new AppServicePlanConfig("P1", 1), read.Config);
        Assert.Equal("Bearer test-token", Assert.Single(env.Transport.Requests).Headers["Authorization"]);
    }
}
