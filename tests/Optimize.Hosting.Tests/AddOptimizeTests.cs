using System.Diagnostics;
using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.DependencyInjection;
using Optimize.Azure;
using Optimize.Catalog;
using Optimize.Journal;
using Optimize.Ports;
using Optimize.Workflow.Activities;
using Optimize.Workflow;

namespace Optimize.Hosting.Tests;

/// <summary>The Function App's service registration: everything the Functions use resolves, without a network call.</summary>
public sealed class AddOptimizeTests
{
    private const string Subscription = "8f2d6c1e-4b7a-4e2d-9c31-5a0e7b9d2f11";

    public static TheoryData<string, string?, string?> JournalSettings => new()
    {
        { "connection string (Azurite)", "UseDevelopmentStorage=true", null },
        { "endpoint with a user-assigned identity", null, "11111111-2222-3333-4444-555555555555" },
    };

    [Theory]
    [MemberData(nameof(JournalSettings))]
    public void AddOptimize_ValidSettings_ResolvesEveryServiceTheFunctionsUseWithoutANetworkCall(string why, string? connection, string? clientId)
    {
        var settings = Settings(connection, clientId);
        using var http = new HttpRequestRecorder();

        using var provider = Build(settings);
        var resolved = new object[]
        {
            provider.GetRequiredService<NightlyService>(),
            provider.GetRequiredService<AlertIntake>(),
            provider.GetRequiredService<ApprovalService>(),
            provider.GetRequiredService<ChangeActivities>(),
            provider.GetRequiredService<PassScheduler>(),
            provider.GetRequiredService<AzureEngine>(),
        };

        Assert.All(resolved, Assert.NotNull);
        Assert.True(http.Requests.Count == 0, $"{why}: resolving called {string.Join(", ", http.Requests)}");
    }

    [Fact]
    public void AddOptimize_Journal_OneLazilyInitializedInstanceBehindEveryPort()
    {
        using var provider = Build(Settings("UseDevelopmentStorage=true", null));

        var journal = provider.GetRequiredService<IJournal>();

        Assert.IsType<InitializingJournal>(journal);
        Assert.Contains("127.0.0.1:10002", journal.Description, StringComparison.Ordinal);
        Assert.Same(journal, provider.GetRequiredService<IPassJournal>());
        Assert.Same(journal, provider.GetRequiredService<IChangeJournal>());
        Assert.Same(journal, provider.GetRequiredService<IJournalReader>());
        Assert.Same(journal, provider.GetRequiredService<IJournalRetention>());
    }

    [Fact]
    public void AddOptimize_EndpointSettings_JournalOnTheEndpointAndIdentityCredential()
    {
        using var provider = Build(Settings(null, "11111111-2222-3333-4444-555555555555"));

        Assert.Contains("https://optimizetest.table.core.windows.net", provider.GetRequiredService<IJournal>().Description, StringComparison.Ordinal);
        Assert.IsType<DefaultAzureCredential>(provider.GetRequiredService<TokenCredential>());
    }

    [Fact]
    public void AddOptimize_Ports_AzureAdaptersSystemClockAndBuiltInCatalog()
    {
        using var provider = Build(Settings("UseDevelopmentStorage=true", null));
        var engine = provider.GetRequiredService<AzureEngine>();

        Assert.Same(TimeProvider.System, provider.GetRequiredService<TimeProvider>());
        Assert.Same(engine.Inventory, provider.GetRequiredService<IInventory>());
        Assert.Same(engine.Metrics, provider.GetRequiredService<IMetricsReader>());
        Assert.Same(engine.Configuration, provider.GetRequiredService<IConfigurationClient>());
        Assert.Same(BuiltInCatalog.Default, provider.GetRequiredService<ISkuCatalog>());
        Assert.Same(provider.GetRequiredService<NightlyService>(), provider.GetRequiredService<NightlyService>());
    }

    [Fact]
    public void HttpRequestRecorder_AnHttpCall_IsSeen()
    {
        // Control for the "no network call" assertions: the recorder does see an outgoing request.
        using var http = new HttpRequestRecorder();
        using var client = new HttpClient();

        _ = Record.Exception(() => client.GetAsync(new Uri("http://127.0.0.1:1/"), TestContext.Current.CancellationToken).GetAwaiter().GetResult());

        Assert.Contains(http.Requests, r => r.Contains("127.0.0.1:1", StringComparison.Ordinal));
    }

    private static OptimizeSettings Settings(string? connection, string? clientId)
    {
        var values = new Dictionary<string, string?>
        {
            [OptimizeSettings.SubscriptionsSetting] = Subscription,
            [OptimizeSettings.JournalConnectionSetting] = connection,
            [OptimizeSettings.JournalEndpointSetting] = connection is null ? "https://optimizetest.table.core.windows.net" : null,
            [OptimizeSettings.ClientIdSetting] = clientId,
        };
        return OptimizeSettings.Load(name => values.GetValueOrDefault(name)).GetOrThrow();
    }

    private static ServiceProvider Build(OptimizeSettings settings) =>
        new ServiceCollection()
            .AddLogging()
            .AddOptimize(settings)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

    /// <summary>Records every outgoing HttpClient request of the process (System.Net.Http's diagnostic listener).</summary>
    private sealed class HttpRequestRecorder : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly IDisposable _all;
        private readonly List<IDisposable> _subscriptions = [];
        private readonly Lock _gate = new();
        private readonly List<string> _requests = [];

        public HttpRequestRecorder() => _all = DiagnosticListener.AllListeners.Subscribe(this);

        public IReadOnlyList<string> Requests
        {
            get
            {
                lock (_gate)
                {
                    return [.. _requests];
                }
            }
        }

        public void OnNext(DiagnosticListener value)
        {
            if (value.Name == "HttpHandlerDiagnosticListener")
            {
                lock (_gate)
                {
                    _subscriptions.Add(value.Subscribe(this));
                }
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key is "System.Net.Http.HttpRequestOut.Start" or "System.Net.Http.Request")
            {
                var request = value.Value?.GetType().GetProperty("Request")?.GetValue(value.Value) as HttpRequestMessage;
                lock (_gate)
                {
                    _requests.Add(request?.RequestUri?.ToString() ?? value.Key);
                }
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose()
        {
            _all.Dispose();
            lock (_gate)
            {
                _subscriptions.ForEach(s => s.Dispose());
            }
        }
    }
}
