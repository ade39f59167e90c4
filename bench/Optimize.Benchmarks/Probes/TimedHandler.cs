using System.Diagnostics;

namespace Optimize.Benchmarks.Probes;

/// <summary>
/// A pass-through handler that times every request from send until its whole response body is read (it buffers the
/// body, as Azure.Core's pipeline does anyway): the sum of the requests' durations, the longest concurrency,
/// and the <em>busy</em> time, the wall time during which at least one request was in flight (the union of the
/// requests' intervals). Busy time over wall time is the share of a run spent waiting on HTTP. Thread-safe.
/// </summary>
internal sealed class TimedHandler : DelegatingHandler
{
    private readonly Lock _gate = new();
    private long _summedTicks;
    private long _busyTicks;
    private long _busySince;
    private int _inFlight;

    /// <param name="inner">The handler to time (the emulator's).</param>
    public TimedHandler(HttpMessageHandler inner)
        : base(inner)
    {
    }

    /// <summary>Requests sent.</summary>
    public int Requests { get; private set; }

    /// <summary>Most requests in flight at once.</summary>
    public int MaxInFlight { get; private set; }

    /// <summary>Sum of every request's duration (exceeds wall time when requests overlap).</summary>
    public TimeSpan Summed => Stopwatch.GetElapsedTime(0, Volatile.Read(ref _summedTicks));

    /// <summary>Wall time with at least one request in flight.</summary>
    public TimeSpan Busy
    {
        get
        {
            lock (_gate)
            {
                var open = _inFlight > 0 ? Stopwatch.GetTimestamp() - _busySince : 0;
                return Stopwatch.GetElapsedTime(0, _busyTicks + open);
            }
        }
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            Requests++;
            if (_inFlight++ == 0)
            {
                _busySince = start;
            }

            MaxInFlight = Math.Max(MaxInFlight, _inFlight);
        }

        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
            return response;
        }
        finally
        {
            var end = Stopwatch.GetTimestamp();
            Interlocked.Add(ref _summedTicks, end - start);
            lock (_gate)
            {
                if (--_inFlight == 0)
                {
                    _busyTicks += end - _busySince;
                }
            }
        }
    }
}
