using Optimize.Policy;

namespace Optimize.Core.Tests.Policy;

/// <summary><c>approval.onTimeout</c>: what an approval timeout does.</summary>
public sealed class ApprovalPolicyTests
{
    [Fact]
    public void Load_NoOnTimeout_RejectsByDefault() =>
        Assert.Equal(ApprovalTimeoutAction.Reject, PolicyAssert.Valid(PolicyLoader.Load("""{ "version": 1 }""")).Approval.OnTimeout);

    [Theory]
    [InlineData("reject", ApprovalTimeoutAction.Reject)]
    [InlineData("keepWaiting", ApprovalTimeoutAction.KeepWaiting)]
    public void Load_OnTimeout_ReadsTheAction(string value, ApprovalTimeoutAction expected)
    {
        var policy = PolicyAssert.Valid(PolicyLoader.Load($$"""{ "version": 1, "approval": { "timeout": "8h", "onTimeout": "{{value}}" } }"""));

        Assert.Equal((TimeSpan.FromHours(8), expected), (policy.Approval.Timeout, policy.Approval.OnTimeout));
    }

    [Theory]
    [InlineData("\"ignore\"")]
    [InlineData("1")]
    public void Load_UnknownOnTimeout_ErrorAtItsPath(string value)
    {
        var errors = PolicyAssert.Invalid(PolicyLoader.Load($$"""{ "version": 1, "approval": { "onTimeout": {{value}} } }"""));

        Assert.Contains(errors, e => e.Path == "/approval/onTimeout");
    }
}
