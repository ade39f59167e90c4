using System.Globalization;
using System.Text;

namespace Optimize.Workflow;

/// <summary>Short durations for journal messages: "7d", "2h30m", "45s".</summary>
internal static class DurationText
{
    public static string Format(TimeSpan span)
    {
        if (span <= TimeSpan.Zero)
        {
            return "0s";
        }

        var sb = new StringBuilder();
        Append(sb, span.Days, "d");
        Append(sb, span.Hours, "h");
        Append(sb, span.Minutes, "m");
        Append(sb, span.Seconds, "s");
        return sb.Length == 0 ? "0s" : sb.ToString();
    }

    private static void Append(StringBuilder sb, int value, string unit)
    {
        if (value > 0)
        {
            sb.Append(value.ToString(CultureInfo.InvariantCulture)).Append(unit);
        }
    }
}
