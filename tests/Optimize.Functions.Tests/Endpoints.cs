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
using Optimize.Pricing;
using Optimize.Simulator.Fleet;
using Optimize.Simulator.Ports;

namespace Optimize.Functions.Tests;

/// <summary>The Function App's <see cref="HttpEndpoints"/> over a loop's journal, called as the Functions host calls them:
/// a <see cref="DefaultHttpContext"/> request and the host's DurableTaskClient.</summary>
internal static class Endpoints
{
    public static HttpEndpoints For(DurableLoop loop)
    {
        var time = TimeProvider.System;
        var policy = new OptimizePolicy { DefaultMode = ChangeMode.Auto }; // alerts act only in auto mode
        var fleet = FleetGenerator.Generate(new FleetOptions { Seed = 1, ResourceCount = 1 }, BuiltInCatalog.Default);
        var journal = new InMemoryJournal(); // passes only: StartPass is not exercised here
        var metrics = new SimulatedMetricsReader(fleet, time);
        var ports = new PassPorts(new SimulatedInventory(fleet, time), metrics, fleet.Catalog, new BuiltInPriceBook(), journal, journal);
        var pass = new OptimizationPass(ports, AdvisorSet.Default, time, NullLogger<OptimizationPass>.Instance);
        var nightly = new NightlyService(
            new PassScheduler(pass, journal, time, NullLogger<PassScheduler>.Instance), journal, policy, new InventoryScope(fleet.Subscriptions, [], []), time);
        var alerts = new AlertIntake(policy, ["s1"], loop.Ports, loop.Journal, time, NullLogger<AlertIntake>.Instance);
        var approvals = new ApprovalService(loop.Ports, loop.Ports, NullLogger<ApprovalService>.Instance);
        return new HttpEndpoints(alerts, nightly, approvals);
    }

    /// <summary>The endpoints over <paramref name="journal"/> alone, for those that need no Durable client (the change list).</summary>
    public static HttpEndpoints ForJournal(InMemoryJournal journal)
    {
        var time = TimeProvider.System;
        var policy = new OptimizePolicy { DefaultMode = ChangeMode.Auto };
        var fleet = FleetGenerator.Generate(new FleetOptions { Seed = 1, ResourceCount = 1 }, BuiltInCatalog.Default);
        var ports = new PassPorts(new SimulatedInventory(fleet, time), new SimulatedMetricsReader(fleet, time), fleet.Catalog, new BuiltInPriceBook(), journal, journal);
        var pass = new OptimizationPass(ports, AdvisorSet.Default, time, NullLogger<OptimizationPass>.Instance);
        var nightly = new NightlyService(
            new PassScheduler(pass, journal, time, NullLogger<PassScheduler>.Instance), journal, policy, new InventoryScope(fleet.Subscriptions, [], []), time);
        var alerts = new AlertIntake(policy, ["s1"], journal, journal, time, NullLogger<AlertIntake>.Instance);
        return new HttpEndpoints(alerts, nightly, new ApprovalService(journal, journal, NullLogger<ApprovalService>.Instance));
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
