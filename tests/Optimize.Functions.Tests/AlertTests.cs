using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using Optimize.Changes;
using Optimize.Testing;
using Optimize.Workflow;
using Optimize.Workflow.Hosting;

namespace Optimize.Functions.Tests;

/// <summary>Alerts through the Function App's AlertWebhook on the real engine (the production route: AlertIntake
/// raises the event on a change in flight, or starts AlertRemediation), with Azure's published common-schema sample
/// (../shared/fixtures) re-aimed at the test's plan and fired now.</summary>
public sealed class AlertTests
{
    private const string Sample = "fixtures/alerts/common-schema/alerts-common-schema.md__sample-alert-payload.json";

    [Fact]
    public async Task AlertWhileAStageIsObserved_RollsTheChangeBack()
    {
        _ = FiredAlert(); // skips before any host starts when the shared fixtures are absent
        await using var loop = await DurableLoop.StartAsync();
        var endpoints = await Endpoints.ForAsync(loop);
        var plan = DurableLoop.Plan() with
        {
            Stages = [new ChangeStage(0, new Model.AppServicePlanConfig("P1v3", 3), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1))],
        };
        await loop.StartChangeAsync(plan);
        await ApprovalTests.WaitForStateAsync(loop, ChangeState.Observing);

        var answer = await endpoints.AlertWebhook(Endpoints.Post(FiredAlert()), loop.Client, DurableLoop.Ct);

        Assert.Equal(202, Endpoints.Status(answer));
        var done = await loop.WaitAsync();
        var outcome = done.ReadOutputAs<ChangeOutcome>()!;
        Assert.Equal(ChangeState.RolledBack, outcome.State);
        Assert.Contains("WCUS-R2-Gen2", outcome.Reason, StringComparison.Ordinal);
        Assert.Equal(DurableLoop.Baseline, loop.Config.Current(DurableLoop.ResourceId));
    }

    [Fact]
    public async Task AlertAfterAPromotion_StartsAlertRemediation_WhichRevertsIt()
    {
        _ = FiredAlert(); // skips before any host starts when the shared fixtures are absent
        await using var loop = await DurableLoop.StartAsync();
        var endpoints = await Endpoints.ForAsync(loop);
        await loop.RunToEndAsync(DurableLoop.Plan());

        var answer = await endpoints.AlertWebhook(Endpoints.Post(FiredAlert()), loop.Client, DurableLoop.Ct);

        Assert.Equal(202, Endpoints.Status(answer));
        var done = await loop.WaitAsync(InstanceIds.ForAlert(DurableLoop.ResourceId));
        Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{done.RuntimeStatus}: {done.FailureDetails}");
        var remediation = done.ReadOutputAs<RemediationOutcome>()!;
        Assert.Equal("reverted", remediation.Action);
        Assert.Equal(DurableLoop.Baseline, loop.Config.Current(DurableLoop.ResourceId));
        Assert.Equal(ChangeState.RolledBack, (await loop.Journal.GetAsync("chg-1", DurableLoop.Ct))!.State);
    }

    /// <summary>The published sample, fired now at Sev1 on the test's plan.</summary>
    internal static string FiredAlert()
    {
        var root = JsonNode.Parse(File.ReadAllText(RepoPaths.SharedFile(Sample)))!;
        var essentials = root["data"]!["essentials"]!.AsObject();
        essentials["monitorCondition"] = "Fired";
        essentials["severity"] = "Sev1";
        essentials["alertTargetIDs"] = new JsonArray(DurableLoop.ResourceId);
        essentials["firedDateTime"] = DateTimeOffset.UtcNow.ToString("O");
        essentials.Remove("resolvedDateTime");
        return root.ToJsonString();
    }
}
