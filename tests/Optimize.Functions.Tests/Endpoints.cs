using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging.Abstractions;
using Optimize.Advisors;
using Optimize.Catalog;
using Optimize.Engine;
using Optimize.Functions.Functions;
using Optimize.Hosting;
using Optimize.Journal;
using Optimize.Policy;
using Optimize.Ports;
using Optimize.Simulator.Fleet;
using Optimize.Tests.Emulated;

namespace Optimize.Functions.Tests;

/// <summary>The Function App's <see cref="HttpEndpoints"/> over a loop's journal, called as the Functions host calls them:
/// a <see cref="DefaultHttpContext"/> request and the host's DurableTaskClient. Their nightly pass reads a one-resource fleet
/// through the production adapters on the in-process emulator (<see cref="EmulatedFleet"/>); these tests never start it.</summary>
internal static class Endpoints
{
    /// <summary>The endpoints over <paramref name="loop"/>'s journal and Durable client; the loop disposes their emulator.</summary>
    public static async Task<HttpEndpoints> ForAsync(DurableLoop loop)
    {
        var cloud = await CloudAsync();
        loop.Adopt(cloud);
        var policy = new OptimizePolicy { DefaultMode = ChangeMode.Auto }; // alerts act only in auto mode
        var journal = new InMemoryJournal(); // passes only: StartPass is not exercised here
        var alerts = new AlertIntake(policy, ["s1"], loop.Ports, loop.Journal, TimeProvider.System, NullLogger<AlertIntake>.Instance);
        var approvals = new ApprovalService(loop.Ports, loop.Ports, NullLogger<ApprovalService>.Instance);
        return new HttpEndpoints(alerts, Nightly(cloud, policy, journal), approvals);
    }

    /// <summary>The endpoints over <paramref name="journal"/> alone, for those that need no Durable client (the change list).</summary>
    public static async Task<JournalEndpoints> ForJournalAsync(InMemoryJournal journal)
    {
        var cloud = await CloudAsync();
        var policy = new OptimizePolicy { DefaultMode = ChangeMode.Auto };
        var alerts = new AlertIntake(policy, ["s1"], journal, journal, TimeProvider.System, NullLogger<AlertIntake>.Instance);
        return new JournalEndpoints(new HttpEndpoints(alerts, Nightly(cloud, policy, journal), new ApprovalService(journal, journal, NullLogger<ApprovalService>.Instance)), cloud);
    }

    private static Task<EmulatedFleet> CloudAsync() => EmulatedFleet.StartAsync(
        FleetGenerator.Generate(new FleetOptions { Seed = 1, ResourceCount = 1 }, BuiltInCatalog.Default), TimeProvider.System, ct: TestContext.Current.CancellationToken);

    private static NightlyService Nightly(EmulatedFleet cloud, OptimizePolicy policy, IJournal journal)
    {
        var time = TimeProvider.System;
        var azure = cloud.Engine;
        var ports = new PassPorts(azure.Inventory, azure.Metrics, cloud.Catalog, azure.Prices, journal, journal);
        var pass = new OptimizationPass(ports, AdvisorSet.Default, time, NullLogger<OptimizationPass>.Instance);
        return new NightlyService(
            new PassScheduler(pass, journal, time, NullLogger<PassScheduler>.Instance), journal, policy, new InventoryScope(cloud.Fleet.Subscriptions, [], []), time);
    }

    /// <summary>A GET with a query string (<c>?state=awaiting-approval&amp;limit=5</c>).</summary>
    public static HttpRequest Get(string queryString)
    {
        var request = Get();
        request.QueryString = new QueryString(queryString);
        return request;
    }

    public static HttpRequest Post(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.ContentType = "application/json";
        context.Request.ContentLength = bytes.Length;
        context.Request.Body = new MemoryStream(bytes);
        return context.Request;
    }

    public static HttpRequest Get()
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        return context.Request;
    }

    public static int Status(IActionResult result) => Assert.IsType<ObjectResult>(result).StatusCode ?? 200;
}

/// <summary>Endpoints over a journal and the emulator behind their pass, disposed with them.</summary>
internal sealed class JournalEndpoints(HttpEndpoints api, EmulatedFleet cloud) : IAsyncDisposable
{
    /// <summary>The endpoints.</summary>
    public HttpEndpoints Api { get; } = api;

    /// <inheritdoc />
    public ValueTask DisposeAsync() => cloud.DisposeAsync();
}
