using Azure.Data.Tables;
using Optimize.Changes;
using Optimize.Guards;
using Optimize.Journal.Tables.Keys;

namespace Optimize.Journal.Tables.Entities;

/// <summary>Maps <see cref="ChangeEvent"/> to its row: PK change id, RK the sequence zero-padded.</summary>
internal static class EventEntities
{
    public static TableEntity ToEntity(ChangeEvent ev, long sequence)
    {
        var e = new TableEntity(KeyEncoding.ForId(ev.ChangeId), JournalKeys.EventRow(sequence))
        {
            ["ChangeId"] = ev.ChangeId,
            ["Sequence"] = sequence,
            ["At"] = ev.At,
            ["Step"] = ev.Step,
            ["StageIndex"] = ev.StageIndex,
            ["Message"] = TableStoreLimits.FitOrNull(ev.Message),
            ["Verdict"] = ev.Verdict?.ToString(),
            ["State"] = ev.State.ToString(),
        }.WithoutNulls();
        EntitySize.Check(e, $"Event of change {ev.ChangeId}");
        return e;
    }

    public static ChangeEvent FromEntity(TableEntity e)
    {
        var verdict = e.GetString("Verdict");
        return new ChangeEvent(
            e.GetString("ChangeId"),
            e.GetInt64("Sequence") ?? 0,
            e.GetDateTimeOffset("At")!.Value,
            e.GetString("Step"),
            e.GetInt32("StageIndex") ?? -1,
            e.GetString("Message") ?? string.Empty,
            verdict is null ? null : Enum.Parse<VerdictKind>(verdict),
            Enum.Parse<ChangeState>(e.GetString("State")));
    }
}
