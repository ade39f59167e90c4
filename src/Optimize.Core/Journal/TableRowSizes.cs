using Optimize.Changes;

namespace Optimize.Journal;

/// <summary>
/// The keys and stored size of each journal row as <c>TableJournal</c> writes it (same keys, property names, JSON and
/// 32K-character split), so that <see cref="InMemoryJournal"/> refuses exactly what the store would. A test pins these
/// sizes to <c>TableJournal</c>'s own entities.
/// </summary>
public static class TableRowSizes
{
    /// <summary>Bytes of a change's main row; validates its keys.</summary>
    /// <exception cref="ArgumentException">An id makes a key over 1 KiB.</exception>
    public static long Change(ChangeRecord c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var pk = "r~" + TableKeys.ForResource(c.Plan.Resource.Id);
        var rk = Inverted + TableKeys.ForId(c.ChangeId);
        TableKeys.ForId(c.Plan.PassId);
        return TableStoreLimits.EntityBytes(pk, rk,
            [
                new("ChangeId", c.ChangeId), new("ResourceId", c.Plan.Resource.Id), new("PassId", c.Plan.PassId),
                new("Kind", c.Plan.Resource.Kind.ToString()), new("State", c.State.ToString()), new("StageIndex", c.StageIndex),
                new("CreatedAt", c.CreatedAt), new("UpdatedAt", c.UpdatedAt), new("Outcome", TableStoreLimits.FitOrNull(c.Outcome)),
            ])
            + Json("Plan", JournalJson.Write(c.Plan))
            + Json("Captured", c.Captured is null ? null : JournalJson.Write(c.Captured));
    }

    /// <summary>Bytes of an event row (sequence as a 19-digit row key); validates its keys.</summary>
    /// <exception cref="ArgumentException">The change id makes a key over 1 KiB.</exception>
    public static long Event(ChangeEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return TableStoreLimits.EntityBytes(TableKeys.ForId(e.ChangeId), new string('0', 19),
            [
                new("ChangeId", e.ChangeId), new("Sequence", 1L), new("At", e.At), new("Step", e.Step), new("StageIndex", e.StageIndex),
                new("Message", TableStoreLimits.FitOrNull(e.Message)), new("Verdict", e.Verdict?.ToString()), new("State", e.State.ToString()),
            ]);
    }

    /// <summary>Bytes of a decision row; validates its keys.</summary>
    /// <exception cref="ArgumentException">An id makes a key over 1 KiB.</exception>
    public static long Decision(DecisionRecord d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return TableStoreLimits.EntityBytes(TableKeys.ForId(d.PassId), TableKeys.ForResource(d.ResourceId),
            [
                new("PassId", d.PassId), new("ResourceId", d.ResourceId), new("Kind", d.Kind.ToString()), new("Outcome", d.Outcome.ToString()),
                new("ReasonCode", TableStoreLimits.FitOrNull(d.ReasonCode)), new("Message", TableStoreLimits.FitOrNull(d.Message)),
                new("EstimatedMonthlySavings", d.EstimatedMonthlySavings.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new("ChangeId", d.ChangeId),
            ])
            + Json("Current", d.Current is null ? null : JournalJson.Write(d.Current))
            + Json("Target", d.Target is null ? null : JournalJson.Write(d.Target))
            + Json("Evidence", EvidenceJson.Write(d.Evidence ?? []));
    }

    /// <summary>Validates the keys of a pass row (its size is bounded: every string is fitted).</summary>
    /// <exception cref="ArgumentException">The pass id makes a key over 1 KiB.</exception>
    public static void Pass(PassRecord p)
    {
        ArgumentNullException.ThrowIfNull(p);
        TableKeys.ForId(p.PassId);
    }

    /// <summary>The record with its free text fitted to a string property, as both journals store it.</summary>
    public static ChangeRecord Fitted(ChangeRecord c) => c with { Outcome = TableStoreLimits.FitOrNull(c.Outcome)! };

    /// <summary>The event with its message fitted to a string property, as both journals store it.</summary>
    public static ChangeEvent Fitted(ChangeEvent e) => e with { Message = TableStoreLimits.FitOrNull(e.Message)! };

    /// <summary>The decision with its free text fitted, as both journals store it.</summary>
    public static DecisionRecord Fitted(DecisionRecord d) =>
        d with { ReasonCode = TableStoreLimits.FitOrNull(d.ReasonCode)!, Message = TableStoreLimits.FitOrNull(d.Message)! };

    /// <summary>The pass with its free text fitted, as both journals store it.</summary>
    public static PassRecord Fitted(PassRecord p) => p with
    {
        Trigger = TableStoreLimits.FitOrNull(p.Trigger)!,
        Status = TableStoreLimits.FitOrNull(p.Status)!,
        Currency = TableStoreLimits.FitOrNull(p.Currency)!,
        Message = TableStoreLimits.FitOrNull(p.Message)!,
    };

    private const string Inverted = "0000000000000000000_";

    /// <summary>A JSON column: one string property, or 32K-character parts plus a <c>{name}_Parts</c> count.</summary>
    private static long Json(string name, string? json)
    {
        if (json is null)
        {
            return 0;
        }

        if (json.Length <= TableStoreLimits.MaxStringChars)
        {
            return TableStoreLimits.PropertyBytes(name, json);
        }

        long bytes = 0;
        var part = 0;
        for (var start = 0; start < json.Length; part++)
        {
            var length = Math.Min(TableStoreLimits.MaxStringChars, json.Length - start);
            if (start + length < json.Length && char.IsHighSurrogate(json[start + length - 1]))
            {
                length--;
            }

            bytes += 8 + (2L * $"{name}_{part}".Length) + 4 + (2L * length);
            start += length;
        }

        return bytes + TableStoreLimits.PropertyBytes(name + "_Parts", part);
    }
}
