using Optimize.Changes;
using Optimize.Simulator.Faults;

namespace Optimize.Simulator.Tests.Faults;

public sealed class FaultPlanTests
{
    private const string Id = "/subscriptions/s/resourceGroups/g/providers/Microsoft.Compute/virtualMachines/vm-web-0000";

    [Theory]
    [InlineData("boom", 1)]
    [InlineData(ChangeFailureKinds.Throttled, 0)]
    public void FailWrites_InvalidArguments_Throws(string kind, int count)
    {
        var plan = new FaultPlan();

        Assert.ThrowsAny<ArgumentException>(() => plan.FailWrites(Id, count, kind));
        Assert.Null(plan.TakeWriteFailure(Id));
    }

    [Fact]
    public void FailWrites_CountTwo_ConsumedTwiceCaseInsensitively()
    {
        var plan = new FaultPlan().FailWrites(Id, 2, ChangeFailureKinds.Conflict);

        Assert.Equal(ChangeFailureKinds.Conflict, plan.TakeWriteFailure(Id.ToUpperInvariant()));
        Assert.Equal(ChangeFailureKinds.Conflict, plan.TakeWriteFailure(Id));
        Assert.Null(plan.TakeWriteFailure(Id));
    }

    [Fact]
    public void FailMetricReads_CountOne_ConsumedOnce()
    {
        var plan = new FaultPlan().FailMetricReads();

        Assert.True(plan.TakeMetricReadFailure());
        Assert.False(plan.TakeMetricReadFailure());
    }

    [Fact]
    public void FailRollback_Armed_StaysArmed()
    {
        var plan = new FaultPlan().FailRollback(Id);

        Assert.Equal(ChangeFailureKinds.OperationFailed, plan.RollbackFailure(Id));
        Assert.Equal(ChangeFailureKinds.OperationFailed, plan.RollbackFailure(Id));
    }
}
