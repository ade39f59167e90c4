using System.Globalization;

namespace Optimize.Journal.Tables.Keys;

/// <summary>
/// Partition and row keys of the journal's tables. Times become inverted ticks (19 digits) so that ascending key
/// order, the only order Table Storage returns, is newest first.
/// </summary>
internal static class JournalKeys
{
    /// <summary>The single partition of the passes table.</summary>
    public const string PassPartition = "pass";

    /// <summary>The index partition listing changes that are not terminal.</summary>
    public const string ActivePartition = "active";

    /// <summary>Row key of a change's main row inside its id-pointer partition, and of the events head row.</summary>
    public const string PointerRow = "change";

    /// <summary>Row key of the head row in an events partition; '~' sorts after every digit.</summary>
    public const string EventsHeadRow = "~head";

    /// <summary>Every event row key sorts below this.</summary>
    public const string EventsUpperBound = "~";

    /// <summary>Partition of a resource's change history.</summary>
    public static string ResourcePartition(string resourceId) => "r~" + KeyEncoding.ForResource(resourceId);

    /// <summary>Partition of the pointer from a change id to its main row.</summary>
    public static string IdPartition(string changeId) => "id~" + KeyEncoding.ForId(changeId);

    /// <summary>Partition listing the changes a pass planned.</summary>
    public static string PassIndexPartition(string passId) => "p~" + KeyEncoding.ForId(passId);

    /// <summary>Prefix of every day-index partition.</summary>
    public const string DayPrefix = "d~";

    /// <summary>
    /// Partition listing the changes created on one UTC day: <c>d~{99999999 - yyyyMMdd}~{yyyyMMdd}</c>, so that a
    /// range query over day partitions returns the newest day first.
    /// </summary>
    public static string DayPartition(DateTimeOffset at)
    {
        var day = DayNumber(at);
        return string.Create(CultureInfo.InvariantCulture, $"{DayPrefix}{99_999_999 - day:D8}~{day:D8}");
    }

    /// <summary>
    /// The day-partition boundary of <paramref name="at"/>'s day: partitions of that day and newer sort below it,
    /// partitions of older days at or above it.
    /// </summary>
    public static string DayBoundary(DateTimeOffset at) =>
        string.Create(CultureInfo.InvariantCulture, $"{DayPrefix}{99_999_999 - DayNumber(at) + 1:D8}");

    /// <summary>Every day partition sorts below this.</summary>
    public const string DayUpperBound = "d~~";

    /// <summary>Inverted ticks, 19 digits: newer times give smaller keys.</summary>
    public static string Inverted(DateTimeOffset at) =>
        (DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);

    /// <summary>A row key bound: every row key starting with <see cref="Inverted"/> of a time at or after
    /// <paramref name="since"/> is strictly below it.</summary>
    public static string InvertedUpperBound(DateTimeOffset since) =>
        (DateTimeOffset.MaxValue.UtcTicks - since.UtcTicks + 1).ToString("D19", CultureInfo.InvariantCulture);

    /// <summary>Row key ordering entries of one partition newest first, unique by id.</summary>
    public static string NewestFirst(DateTimeOffset at, string id) => Inverted(at) + "_" + KeyEncoding.ForId(id);

    /// <summary>Row key of an event: the sequence, zero-padded to 19 digits.</summary>
    public static string EventRow(long sequence) => sequence.ToString("D19", CultureInfo.InvariantCulture);

    private static int DayNumber(DateTimeOffset at)
    {
        var utc = at.UtcDateTime;
        return (utc.Year * 10_000) + (utc.Month * 100) + utc.Day;
    }
}
