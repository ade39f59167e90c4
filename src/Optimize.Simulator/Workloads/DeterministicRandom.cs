namespace Optimize.Simulator.Workloads;

/// <summary>
/// Stateless, seedable randomness: every value is a hash of its coordinates, so a metric at time t never depends on
/// which other points were read before (SplitMix64 finalizer).
/// </summary>
internal static class DeterministicRandom
{
    /// <summary>A well-mixed 64-bit hash of the coordinates.</summary>
    public static ulong Hash(ulong seed, long a, long b = 0, long c = 0)
    {
        var x = seed ^ 0x9E3779B97F4A7C15UL;
        x = Mix(x + unchecked((ulong)a));
        x = Mix(x + unchecked((ulong)b) * 0xBF58476D1CE4E5B9UL);
        x = Mix(x + unchecked((ulong)c) * 0x94D049BB133111EBUL);
        return x;
    }

    /// <summary>A uniform value in [0, 1).</summary>
    public static double Unit(ulong seed, long a, long b = 0, long c = 0) =>
        (Hash(seed, a, b, c) >> 11) * (1.0 / (1UL << 53));

    /// <summary>A standard normal value (Box–Muller over two hashed uniforms).</summary>
    public static double Gaussian(ulong seed, long a, long b = 0)
    {
        var u1 = Math.Max(Unit(seed, a, b, 1), 1e-12);
        var u2 = Unit(seed, a, b, 2);
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>A value in [min, max).</summary>
    public static double Between(ulong seed, long a, long b, double min, double max) => min + ((max - min) * Unit(seed, a, b));

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
