using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace Optimize.Emulator.Hosting;

/// <summary>
/// Injects the HTTP faults of <see cref="EmulatorFaults"/> before a request reaches its endpoint, as ARM does it
/// (conventions/azure-docs/request-limits-and-throttling.md): latency; a token bucket per (subscription, reads|writes)
/// whose remaining count is returned in <c>x-ms-ratelimit-remaining-subscription-reads|writes</c> and whose exhaustion
/// answers 429 with <c>Retry-After</c> in whole seconds; random 429s; random 500/503 in ARM's error shape.
/// The metrics data plane's 529 is the metrics surface's own (it answers for the batch call only); prices are not throttled.
/// </summary>
internal sealed class FaultMiddleware(RequestDelegate next, EmulatorWorld world)
{
    private readonly ConcurrentDictionary<(string Subscription, bool Write), Bucket> _buckets = new();

    public async Task InvokeAsync(HttpContext context)
    {
        var faults = world.Faults;
        if (faults.Latency > TimeSpan.Zero)
        {
            await Task.Delay(faults.Latency, context.RequestAborted);
        }

        var plane = context.GetEndpoint()?.Metadata.GetMetadata<AzureOperation>()?.Plane ?? AzurePlane.Arm;
        if (plane != AzurePlane.Arm)
        {
            await next(context);
            return;
        }

        var write = !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method);
        var bucketOptions = write ? faults.WriteBucket : faults.ReadBucket;
        var header = write ? "x-ms-ratelimit-remaining-subscription-writes" : "x-ms-ratelimit-remaining-subscription-reads";
        if (bucketOptions is not null && Subscription(context.Request.Path) is { } subscription)
        {
            var bucket = _buckets.GetOrAdd((subscription, write), _ => new Bucket(bucketOptions, world.Time.GetUtcNow()));
            var (taken, remaining, wait) = bucket.Take(world.Time.GetUtcNow());
            context.Response.Headers[header] = remaining.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!taken)
            {
                await Throttle(context, (int)Math.Ceiling(wait.TotalSeconds), $"Number of {(write ? "write" : "read")} requests for subscription '{subscription}' exceeded the limit of '{bucketOptions.Capacity}'.");
                return;
            }
        }

        if (world.Draw(faults.ThrottleRate))
        {
            await Throttle(context, faults.RetryAfterSeconds, "The request was throttled (injected fault). Please try again after the time in the Retry-After header.");
            return;
        }

        if (world.Draw(faults.ServerErrorRate))
        {
            var status = world.Draw(0.5) ? StatusCodes.Status500InternalServerError : StatusCodes.Status503ServiceUnavailable;
            await ArmError.WriteAsync(context, status, status == 500 ? "InternalServerError" : "ServiceUnavailable",
                "The server encountered an internal error (injected fault). Please retry the request.");
            return;
        }

        await next(context);
    }

    /// <summary>The subscription id of an ARM path (<c>/subscriptions/{id}/…</c>), or null for tenant-level paths.</summary>
    internal static string? Subscription(PathString path)
    {
        var parts = (path.Value ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 2 && parts[0].Equals("subscriptions", StringComparison.OrdinalIgnoreCase) ? parts[1].ToLowerInvariant() : null;
    }

    private static Task Throttle(HttpContext context, int retryAfterSeconds, string message)
    {
        context.Response.Headers.RetryAfter = Math.Max(0, retryAfterSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return ArmError.WriteAsync(context, StatusCodes.Status429TooManyRequests, "SubscriptionRequestsThrottled", message);
    }

    /// <summary>A refilling token bucket on the emulator's clock.</summary>
    private sealed class Bucket(TokenBucket options, DateTimeOffset start)
    {
        private readonly Lock _gate = new();
        private double _tokens = options.Capacity;
        private DateTimeOffset _last = start;

        public (bool Taken, int Remaining, TimeSpan Wait) Take(DateTimeOffset now)
        {
            lock (_gate)
            {
                if (now > _last)
                {
                    _tokens = Math.Min(options.Capacity, _tokens + ((now - _last).TotalSeconds * options.RefillPerSecond));
                    _last = now;
                }

                if (_tokens >= 1)
                {
                    _tokens -= 1;
                    return (true, (int)Math.Floor(_tokens), TimeSpan.Zero);
                }

                return (false, 0, TimeSpan.FromSeconds((1 - _tokens) / options.RefillPerSecond));
            }
        }
    }
}
