using Optimize.Journal.Tables.Entities;
using Optimize.Journal.Tests.Support;
using Optimize.Recommendations;

namespace Optimize.Journal.Tests.Entities;

public sealed class DecisionEntitiesTests
{
    [Fact]
    public void ToEntity_EvidenceOver1MiB_ThrowsAndNeverTruncates()
    {
        var decision = JournalBuilders.Decision("pass-1", JournalBuilders.Vm("big"), evidenceItems: 40_000);

        var ex = Assert.Throws<ArgumentException>(() => DecisionEntities.ToEntity(decision));

        Assert.Contains("1048576-byte entity limit", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromEntity_OfToEntity_GivesBackEveryField()
    {
        var decision = JournalBuilders.Decision("pass-1", JournalBuilders.Vm("vm-1"), evidenceItems: 5) with
        {
            Evidence = [new EvidenceItem("cpu.p95", 23.4, "%"), new EvidenceItem("nan", double.NaN, "ratio")],
            ChangeId = "chg-1",
        };

        var back = DecisionEntities.FromEntity(DecisionEntities.ToEntity(decision));

        Assert.Equal(decision with { Evidence = back.Evidence }, back);
        Assert.Equal(decision.Evidence, back.Evidence);
    }
}
