using System.Reflection;
using Azure.Core.Serialization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Optimize.Functions.Tests;

/// <summary>
/// The data converter the Function App really runs with, built from the shipped code rather than imitated: the worker's
/// default <see cref="WorkerOptions.Serializer"/> (AddFunctionsWorkerDefaults) wrapped in the Durable extension's own
/// <c>ObjectConverterShim</c>, which its startup sets as the DataConverter of both the Durable worker and the client
/// (DurableTaskExtensionStartup's PostConfigure of DurableTaskWorkerOptions and DurableTaskClientOptions). The shim is
/// internal to Microsoft.Azure.Functions.Worker.Extensions.DurableTask; if a version renames it this fails loudly.
/// </summary>
internal static class WorkerDataConverter
{
    private const string ShimType = "Microsoft.Azure.Functions.Worker.Extensions.DurableTask.ObjectConverterShim";

    public static DataConverter Create()
    {
        var serializer = Serializer();
        var assembly = typeof(Microsoft.Azure.Functions.Worker.DurableTaskClientExtensions).Assembly;
        var shim = assembly.GetType(ShimType, throwOnError: true)!;
        return (DataConverter)Activator.CreateInstance(shim, BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic, null, [serializer], null)!;
    }

    /// <summary>The worker's serializer, for asserting on raw payloads.</summary>
    public static ObjectSerializer Serializer()
    {
        var collection = new ServiceCollection();
        collection.AddFunctionsWorkerDefaults();
        using var services = collection.BuildServiceProvider();
        return services.GetRequiredService<IOptions<WorkerOptions>>().Value.Serializer
            ?? throw new InvalidOperationException("The Functions worker configured no serializer.");
    }
}
