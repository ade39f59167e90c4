using System.Collections.Concurrent;
using Azure;
using Azure.Core;

namespace Optimize.Azure.Tests.Http;

/// <summary>A fixed tiny back-off that records every delay Azure.Core's retry policy asks for (after applying Retry-After).</summary>
internal sealed class RecordingDelayStrategy() : DelayStrategy(maxDelay: TimeSpan.FromSeconds(1), jitterFactor: 0)
{
    private readonly DelayStrategy _inner = CreateFixedDelayStrategy(TimeSpan.FromMilliseconds(1));

    public ConcurrentQueue<TimeSpan> Delays { get; } = new();

    protected override TimeSpan GetNextDelayCore(Response? response, int retryNumber)
    {
        var delay = _inner.GetNextDelay(response, retryNumber);
        Delays.Enqueue(delay);
        return delay;
    }
}
