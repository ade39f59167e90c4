using Optimize.Workflow.Hosting;
using Optimize.Workflow;

namespace Optimize.Tests.Workflow;

public sealed class AlertRouterTests
{
    private const string Id = ChangeHost.ResourceId;

    public static TheoryData<string, bool, bool, bool, string> Cases => new()
    {
        // case, fired, change running, remediation running, expected route
        { "fired, change in flight", true, true, false, "signal:" + InstanceIds.ForChange(Id) },
        { "fired, change in flight and remediation", true, true, true, "signal:" + InstanceIds.ForChange(Id) },
        { "fired, nothing running", true, false, false, "remediate:" + InstanceIds.ForAlert(Id) },
        { "fired, remediation running", true, false, true, "ignore:a remediation of " + Id + " is already running" },
        { "resolved, change in flight", false, true, false, "ignore:alert 'High CPU' resolved: nothing to do" },
        { "resolved, nothing running", false, false, false, "ignore:alert 'High CPU' resolved: nothing to do" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Route_Table_ReturnsExpectedRoute(string name, bool fired, bool changeRunning, bool remediationRunning, string expected)
    {
        var signal = new AlertSignal("a-1", Id, "High CPU", "Sev2", fired, ChangeHost.Start, "Percentage CPU > 85");

        var route = AlertRouter.Route(signal, changeRunning, remediationRunning);

        var actual = route switch
        {
            AlertRoute.SignalChange s => "signal:" + s.InstanceId,
            AlertRoute.StartRemediation r => "remediate:" + r.InstanceId,
            AlertRoute.Ignore i => "ignore:" + i.Reason,
            _ => "?",
        };
        Assert.True(expected == actual, $"{name}: expected {expected}, got {actual}");
    }

    [Fact]
    public void Route_NoResource_Ignored()
    {
        var signal = new AlertSignal("a-1", " ", "High CPU", "Sev2", true, ChangeHost.Start, "x");

        Assert.IsType<AlertRoute.Ignore>(AlertRouter.Route(signal, changeRunning: false));
    }
}
