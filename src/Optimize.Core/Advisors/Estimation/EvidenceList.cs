using System.Globalization;
using Optimize.Recommendations;

namespace Optimize.Advisors.Estimation;

/// <summary>Collects the numbers an advisor used, in order.</summary>
internal sealed class EvidenceList
{
    private readonly List<EvidenceItem> _items = [];

    /// <summary>Adds an item. Names and units come from a small vocabulary but some are built per resource
    /// (<c>$"cpu.{stat}"</c>, <c>$"{currency}/month"</c>); they are interned so the advices a pass keeps for every
    /// resource share one copy of each.</summary>
    public EvidenceList Add(string name, double value, string unit)
    {
        _items.Add(new EvidenceItem(string.Intern(name), value, string.Intern(unit)));
        return this;
    }

    public EvidenceList Add(string name, decimal value, string unit) => Add(name, (double)value, unit);

    public EvidenceList Add(string name, int value, string unit) => Add(name, (double)value, unit);

    public IReadOnlyList<EvidenceItem> ToList() => [.. _items];

    /// <summary>Invariant formatting for rationales.</summary>
    public static string F(double value, string format = "0.##") => value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>Invariant money formatting.</summary>
    public static string M(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
