using Azure.Core;
using Azure.ResourceManager;
using Optimize.Azure.Catalog;
using Optimize.Azure.Configuration;
using Optimize.Azure.Http;
using Optimize.Azure.Inventory;
using Optimize.Azure.Metrics;
using Optimize.Azure.Pricing;
using Optimize.Catalog;
using Optimize.Model;
using Optimize.Ports;

namespace Optimize.Azure;

/// <summary>Builds the engine's ports on Azure: one pipeline per token audience, shared by every adapter.</summary>
public static class AzureAdapters
{
    /// <summary>Creates the adapters.</summary>
    /// <param name="credential">Identity (managed identity, Azure CLI, ...).</param>
    /// <param name="options">Settings; validated here.</param>
    /// <param name="skipped">
    /// Receives the reason when the inventory skips a resource, and one message per metrics call whose resources were dropped after a
    /// throttled or transient failure outlasted the retries; may be null.
    /// </param>
    /// <exception cref="ArgumentException">The options are invalid (every violation listed).</exception>
    public static AzureEngine Create(TokenCredential credential, AzureAdapterOptions options, Action<string>? skipped = null)
    {
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        var arm = new AzureHttp(AzurePipelines.Build(credential, AzurePipelines.ArmScope, options), options);
        var metricsPlane = new AzureHttp(AzurePipelines.Build(credential, AzurePipelines.MetricsScope, options), options);
        var prices = new AzureHttp(AzurePipelines.Build(null, null, options), options);
        var armClient = new ArmClient(credential, default, AzurePipelines.ArmClientOptions(options));
        var offers = new VmSizeOffers(arm);
        var skuMemory = new SkuMemory();

        var configuration = new ConfigurationRouter(new Dictionary<ResourceKind, IConfigurationClient>
        {
            [ResourceKind.VirtualMachine] = new VmConfigurationClient(armClient, offers),
            [ResourceKind.ScaleSet] = new ScaleSetConfigurationClient(armClient, options.ScaleSetUpgradeBatchFraction,
                new ScaleSetWait(options.OperationPollInterval, options.OperationTimeout, options.TimeProvider)),
            [ResourceKind.AppServicePlan] = new AppServicePlanConfigurationClient(arm),
            [ResourceKind.FunctionApp] = new FunctionAppConfigurationClient(arm),
            [ResourceKind.AutoscaleSetting] = new AutoscaleConfigurationClient(arm),
        });
        var inventory = new FallbackInventory(
            new ResourceGraphInventory(arm, configuration, skipped),
            new ArmListInventory(arm, configuration, skipped));
        return new AzureEngine(
            inventory,
            new MonitorMetricsClient(arm, metricsPlane, options, skipped)
            {
                RegionEndpoint = options.MetricsEndpoint is { } endpoint ? _ => endpoint : MonitorMetricsClient.RegionalEndpoint,
                SkuMemoryGb = skuMemory.GbOf,
            },
            configuration,
            new RetailPriceBook(prices),
            (subscription, regions, fallback, ct) => LoadCatalogAsync(arm, offers, skuMemory, subscription, regions, fallback, ct));
    }

    /// <summary>Loads the SKU catalog and shares its regions with the VM client's pre-deallocation check and its sizes' memory with
    /// the metrics reader.</summary>
    private static async Task<ISkuCatalog> LoadCatalogAsync(
        AzureHttp arm, VmSizeOffers offers, SkuMemory memory, string subscription, IEnumerable<string> regions, ISkuCatalog fallback, CancellationToken ct)
    {
        var catalog = await ResourceSkuCatalog.LoadAsync(arm, subscription, regions, fallback, ct).ConfigureAwait(false);
        offers.Remember(subscription, catalog);
        memory.Remember(catalog);
        return catalog;
    }
}
