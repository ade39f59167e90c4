using System.Globalization;

namespace Optimize.Emulator.Graph;

/// <summary>
/// Resource Graph's per-user query quota ("Guidance for throttled requests in Azure Resource Graph", Understand throttling
/// headers; referenced from conventions/azure-docs/request-limits-and-throttling.md, "Azure Resource Graph throttling"):
/// at most <see cref="Limit"/> queries in every <see cref="Window"/>; every response carries
/// <c>x-ms-user-quota-remaining</c> (queries left in the window) and <c>x-ms-user-quota-resets-after</c> (hh:mm:ss until the
/// window resets). The emulator has one tenant and one user, so it keeps one fixed window on the emulator's clock; the
/// window starts at the first query after the previous one ended. Thread-safe.
/// </summary>
internal sealed class GraphQuota(TimeProvider time)
{
    /// <summary>Queries allowed per window (the documented example: 15). Our model: the guidance page itself is not in the
    /// contract pack, only the reference to it, so the numbers are the example it gives, not a published limit.</summary>
    public const int Limit = 15;

    /// <summary>The window (the documented example: 5 seconds).</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private DateTimeOffset _windowEnd = DateTimeOffset.MinValue;
    private int _used;

    /// <summary>Takes one query: whether it is allowed, what remains in the window and how long until it resets.</summary>
    public (bool Allowed, int Remaining, TimeSpan ResetsAfter) Take()
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (now >= _windowEnd)
            {
                _windowEnd = now + Window;
                _used = 0;
            }

            var allowed = _used < Limit;
            if (allowed)
            {
                _used++;
            }

            return (allowed, Limit - _used, _windowEnd - now);
        }
    }

    /// <summary>hh:mm:ss rounded up to whole seconds (so a client that waits it finds the window reset).</summary>
    public static string Format(TimeSpan span) =>
        TimeSpan.FromSeconds(Math.Ceiling(Math.Max(0, span.TotalSeconds))).ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture);
}
