namespace Optimize.Workflow.Runner;

/// <summary>
/// A clock the runner may move forward: when every workflow waits on a timer and no activity runs, the runner jumps
/// straight to the earliest timer instead of waiting. Tests and the demo adapt a <c>FakeTimeProvider</c>
/// (<c>instant =&gt; fake.SetUtcNow(instant)</c>); the engine does not depend on a testing package.
/// </summary>
public interface IVirtualClock
{
    /// <summary>Moves the clock to <paramref name="instant"/>; called only with instants after the current time.</summary>
    void AdvanceTo(DateTimeOffset instant);
}
