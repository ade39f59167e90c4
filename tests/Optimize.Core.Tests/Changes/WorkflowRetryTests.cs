using FsCheck;
using FsCheck.Fluent;
using Optimize.Changes;

namespace Optimize.Tests.Changes;

public sealed class WorkflowRetryTests
{
    [Fact]
    public void Default_Waits30s60s120s240s_Between5Attempts()
    {
        var retry = WorkflowRetry.Default;

        Assert.Equal([30.0, 60, 120, 240], Enumerable.Range(1, 4).Select(a => retry.DelayAfter(a).TotalSeconds));
        Assert.Equal(TimeSpan.FromMinutes(7.5), retry.TotalDelay);
        Assert.True(retry.Allows(4));
        Assert.False(retry.Allows(5));
    }

    [Fact]
    public void DelayAfter_CappedAtMaxDelay()
    {
        var retry = new WorkflowRetry { FirstDelay = TimeSpan.FromMinutes(1), Backoff = 10, MaxDelay = TimeSpan.FromMinutes(5) };

        Assert.Equal([1.0, 5, 5], Enumerable.Range(1, 3).Select(a => retry.DelayAfter(a).TotalMinutes));
    }

    [Theory]
    [InlineData(ChangeFailureKinds.Throttled, true)]
    [InlineData(ChangeFailureKinds.Transient, true)]
    [InlineData(ChangeFailureKinds.Unexpected, true)]
    [InlineData(ChangeFailureKinds.NotFound, false)]
    [InlineData(ChangeFailureKinds.Forbidden, false)]
    [InlineData(ChangeFailureKinds.Conflict, false)]
    [InlineData(ChangeFailureKinds.InvalidTarget, false)]
    public void IsTransient_OnlyFailuresWorthAnotherTry(string kind, bool transient) =>
        Assert.Equal(transient, WorkflowRetry.IsTransient(new ChangeFailure(kind, "x")));

    [Fact]
    public void Delays_NeverDecrease_NeverExceedTheCap_AndSumToTheTotal() =>
        Prop.ForAll(
            (from attempts in Gen.Choose(1, 10)
             from first in Gen.Choose(0, 600)
             from backoffTenths in Gen.Choose(10, 40)
             from max in Gen.Choose(0, 900)
             select new WorkflowRetry
             {
                 Attempts = attempts, FirstDelay = TimeSpan.FromSeconds(first), Backoff = backoffTenths / 10.0, MaxDelay = TimeSpan.FromSeconds(max),
             }).ToArbitrary(),
            retry =>
            {
                var delays = Enumerable.Range(1, retry.Attempts - 1).Select(retry.DelayAfter).ToList();
                return delays.Zip(delays.Skip(1)).All(p => p.First <= p.Second)
                    && delays.All(d => d <= retry.MaxDelay)
                    && delays.Sum(d => d.Ticks) == retry.TotalDelay.Ticks;
            }).QuickCheckThrowOnFailure();
}
