using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Optimize.Advisors;
using Optimize.Azure;
using Optimize.Catalog;
using Optimize.Engine;
using Optimize.Hosting.Notifications;
using Optimize.Journal;
using Optimize.Journal.Tables;
using Optimize.Ports;
using Optimize.Pricing;
using Optimize.Workflow.Activities;
using Optimize.Workflow;

namespace Optimize.Hosting;

/// <summary>The Function App's dependency injection: <c>builder.Services.AddOptimize(settings)</c>.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Registers the engine on Azure as singletons: <see cref="TimeProvider.System"/>, the credential
    /// (<see cref="DefaultAzureCredential"/>, with <see cref="OptimizeSettings.ManagedIdentityClientId"/> when set), the
    /// Azure adapters (<see cref="AzureEngine"/> and its four ports), the journal (one <see cref="InitializingJournal"/>
    /// over a <see cref="TableJournal"/>, registered as <see cref="IJournal"/> and each of its four ports), the pass and
    /// the application services (<see cref="NightlyService"/>, <see cref="AlertIntake"/>, <see cref="ApprovalService"/>,
    /// <see cref="ChangeActivities"/>).
    /// <para>
    /// Nothing touches the network while registering, resolving or starting the host: the credential fetches tokens on the
    /// first Azure call, and the journal creates its tables before its first read or write. The SKU catalog is the
    /// built-in one (<see cref="BuiltInCatalog.Default"/>); loading Azure's Resource SKU list
    /// (<see cref="AzureEngine.LoadCatalogAsync"/>) per pass is a follow-up. Logging (<see cref="ILogger{T}"/>) must be
    /// registered by the host (the Functions host does; elsewhere call <c>AddLogging()</c>).
    /// </para>
    /// </summary>
    /// <param name="services">The collection.</param>
    /// <param name="settings">Validated settings (<see cref="OptimizeSettings.Load"/>).</param>
    /// <returns><paramref name="services"/>.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IServiceCollection AddOptimize(this IServiceCollection services, OptimizeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(settings);

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<TokenCredential>(_ => CreateCredential(settings));

        services.AddSingleton(sp => settings.Emulator is { } emulator
            ? AzureAdapters.Create(EmulatorConnection.Token, EmulatorConnection.Options(emulator, settings.EmulatorPin!))
            : AzureAdapters.Create(sp.GetRequiredService<TokenCredential>(), new AzureAdapterOptions()));
        services.AddSingleton(sp => sp.GetRequiredService<AzureEngine>().Inventory);
        services.AddSingleton(sp => sp.GetRequiredService<AzureEngine>().Metrics);
        services.AddSingleton(sp => sp.GetRequiredService<AzureEngine>().Configuration);
        services.AddSingleton(sp => sp.GetRequiredService<AzureEngine>().Prices);
        services.AddSingleton<ISkuCatalog>(BuiltInCatalog.Default);

        services.AddSingleton(sp => CreateJournal(settings, sp));
        services.AddSingleton<IJournal>(sp => sp.GetRequiredService<InitializingJournal>());
        services.AddSingleton<IPassJournal>(sp => sp.GetRequiredService<IJournal>());
        services.AddSingleton<IChangeJournal>(sp => sp.GetRequiredService<IJournal>());
        services.AddSingleton<IJournalReader>(sp => sp.GetRequiredService<IJournal>());
        services.AddSingleton<IJournalRetention>(sp => sp.GetRequiredService<IJournal>());

        services.AddSingleton(sp => new PassPorts(
            sp.GetRequiredService<IInventory>(),
            sp.GetRequiredService<IMetricsReader>(),
            sp.GetRequiredService<ISkuCatalog>(),
            sp.GetRequiredService<IPriceBook>(),
            sp.GetRequiredService<IPassJournal>(),
            sp.GetRequiredService<IChangeJournal>()));
        services.AddSingleton(AdvisorSet.Default);
        services.AddSingleton<OptimizationPass>();
        services.AddSingleton<PassScheduler>();
        services.AddSingleton(sp => new NightlyService(
            sp.GetRequiredService<PassScheduler>(),
            sp.GetRequiredService<IJournalRetention>(),
            settings.Policy,
            new InventoryScope(settings.Subscriptions, settings.ResourceGroups, []),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<NightlyService>>()));
        services.AddSingleton(sp => new AlertIntake(
            settings.Policy,
            settings.Subscriptions,
            sp.GetRequiredService<IChangeJournal>(),
            sp.GetRequiredService<IPassJournal>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<AlertIntake>>()));
        services.AddSingleton(new ApprovalAccess { RequirePrincipal = settings.RequirePrincipal });
        services.AddSingleton<ApprovalService>();
        services.AddSingleton(sp => new NotificationService(
            settings.NotifyWebhook is { } hook ? new WebhookChannel(new HttpClient { Timeout = TimeSpan.FromSeconds(30) }, hook) : null,
            sp.GetRequiredService<IChangeJournal>(),
            sp.GetRequiredService<IJournalReader>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<NotificationService>>(),
            new NotificationOptions { AppUrl = settings.AppUrl }));
        services.AddSingleton(sp => new ChangeActivities(
            sp.GetRequiredService<IConfigurationClient>(),
            sp.GetRequiredService<IMetricsReader>(),
            sp.GetRequiredService<IChangeJournal>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<ChangeActivities>>()));
        return services;
    }

    private static DefaultAzureCredential CreateCredential(OptimizeSettings settings) =>
        settings.ManagedIdentityClientId is { } clientId
            ? new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = clientId })
            : new DefaultAzureCredential();

    private static InitializingJournal CreateJournal(OptimizeSettings settings, IServiceProvider services)
    {
        var time = services.GetRequiredService<TimeProvider>();
        TableJournal tables;
        if (settings.JournalEndpoint is { } endpoint)
        {
            tables = TableJournalFactory.FromEndpoint(endpoint, services.GetRequiredService<TokenCredential>(), timeProvider: time);
        }
        else if (!string.IsNullOrWhiteSpace(settings.JournalConnection))
        {
            tables = TableJournalFactory.FromConnectionString(settings.JournalConnection, timeProvider: time);
        }
        else
        {
            throw new InvalidOperationException(
                $"The journal is not configured: set {OptimizeSettings.JournalEndpointSetting} or {OptimizeSettings.JournalConnectionSetting}.");
        }

        return new InitializingJournal(tables, tables.CreateTablesIfNotExistsAsync);
    }
}
