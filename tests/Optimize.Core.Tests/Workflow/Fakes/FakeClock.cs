using Microsoft.Extensions.Time.Testing;
using Optimize.Workflow.Runner;

namespace Optimize.Tests.Workflow.Fakes;

/// <summary>The runner's virtual clock over a <see cref="FakeTimeProvider"/>.</summary>
internal sealed class FakeClock(FakeTimeProvider time) : IVirtualClock
{
    public void AdvanceTo(DateTimeOffset instant)
    {
        if (instant > time.GetUtcNow())
        {
            time.SetUtcNow(instant);
        }
    }
}
