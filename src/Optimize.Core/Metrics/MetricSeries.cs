using Optimize.Model;

namespace Optimize.Metrics;

/// <summary>
/// One metric of one resource on a regular grid: point <c>i</c> covers
/// [<see cref="Start"/> + i·<see cref="Interval"/>, + <see cref="Interval"/>). A missing point is
/// <see cref="double.NaN"/>; a gap is never a zero.
/// </summary>
/// <param name="ResourceId">ARM id of the resource.</param>
/// <param name="Metric">One of <see cref="MetricNames"/>.</param>
/// <param name="Start">Start of the first point.</param>
/// <param name="Interval">Grain of the grid.</param>
/// <param name="Values">The points; NaN marks a gap. The reader may reuse the buffer after the consumer moves on.</param>
public sealed record MetricSeries(string ResourceId, string Metric, DateTimeOffset Start, TimeSpan Interval, ReadOnlyMemory<double> Values)
{
    /// <summary>The time covered by the grid.</summary>
    public TimeRange Range => new(Start, Start + (Interval * Values.Length));
}
