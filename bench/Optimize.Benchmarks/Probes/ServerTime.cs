using System.Diagnostics;

namespace Optimize.Benchmarks.Probes;

/// <summary>
/// Times every request the in-process emulator serves, from ASP.NET Core's own hosting activity (source
/// <c>Microsoft.AspNetCore</c>, one activity per request, also under TestServer): the requests' summed duration and the
/// <em>busy</em> time, the wall time during which at least one request was being served (the union of their intervals).
/// Used where the emulator's handler cannot be wrapped (the CLI's demo builds its own). Thread-safe; dispose to stop.
/// </summary>
internal sealed class ServerTime : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly Lock _gate = new();
    private readonly List<(long Start, long End)> _intervals = [];

    /// <summary>Starts listening; every request served from now on is timed.</summary>
    public ServerTime()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity =>
            {
                var start = activity.StartTimeUtc.Ticks;
                lock (_gate)
                {
                    _intervals.Add((start, start + activity.Duration.Ticks));
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>Requests served and timed so far.</summary>
    public int Requests
    {
        get
        {
            lock (_gate)
            {
                return _intervals.Count;
            }
        }
    }

    /// <summary>Forgets the requests timed so far (between runs).</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _intervals.Clear();
        }
    }

    /// <summary>Summed duration and busy time (union of intervals) of the requests timed so far.</summary>
    public (TimeSpan Summed, TimeSpan Busy) Totals()
    {
        List<(long Start, long End)> intervals;
        lock (_gate)
        {
            intervals = [.. _intervals];
        }

        intervals.Sort();
        long summed = 0, busy = 0, openStart = 0, openEnd = long.MinValue;
        foreach (var (start, end) in intervals)
        {
            summed += end - start;
            if (start > openEnd)
            {
                busy += openEnd > openStart ? openEnd - openStart : 0;
                (openStart, openEnd) = (start, end);
            }
            else
            {
                openEnd = Math.Max(openEnd, end);
            }
        }

        busy += openEnd > openStart ? openEnd - openStart : 0;
        return (TimeSpan.FromTicks(summed), TimeSpan.FromTicks(busy));
    }

    /// <inheritdoc />
    public void Dispose() => _listener.Dispose();
}
