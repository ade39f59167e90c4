using Optimize.Catalog;

namespace Optimize.Advisors.Estimation;

/// <summary>
/// Splits a step down into stages so no stage removes more than the policy's maximum share of capacity.
/// Steps up are never split (one stage).
/// </summary>
public static class StepPlanner
{
    /// <summary>
    /// Instance counts from <paramref name="current"/> down to <paramref name="target"/>, excluding the current and
    /// ending with the target; each stage keeps at least (1 − max%) of the previous one, rounded up.
    /// 10 → 3 at 50%: [5, 3]; 10 → 6 at 50%: [6]; 8 → 1 at 50%: [4, 2, 1]; 4 → 6 (up): [6].
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A count is below 1 or the percent is outside (0, 100].</exception>
    public static IReadOnlyList<int> CountSteps(int current, int target, double maxStepDownPercent)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(current, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(target, 1);
        ValidatePercent(maxStepDownPercent);
        if (target >= current)
        {
            return target == current ? [] : [target];
        }

        var steps = new List<int>();
        var at = current;
        while (at > target)
        {
            var floor = (int)Math.Ceiling((at * (1 - (maxStepDownPercent / 100.0))) - 1e-9);
            at = Math.Max(target, Math.Min(at - 1, floor));
            steps.Add(at);
        }

        return steps;
    }

    /// <summary>
    /// Sizes from <paramref name="current"/> down to <paramref name="target"/> along <paramref name="ladder"/>
    /// (compatible sizes, smallest first), excluding the current and ending with the target. Each stage is the
    /// smallest size of at least (1 − max%) of the previous stage's vCPU; when the ladder has no size in that range
    /// the next smaller size is taken, so every stage makes progress. D16 → D2 at 50%: [D8, D4, D2];
    /// FC-4096 → FC-512 at 50%: [FC-2048, FC-512]. Up: [target].
    /// </summary>
    public static IReadOnlyList<SkuSpec> SizeSteps(IReadOnlyList<SkuSpec> ladder, SkuSpec current, SkuSpec target, double maxStepDownPercent)
    {
        ArgumentNullException.ThrowIfNull(ladder);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(target);
        ValidatePercent(maxStepDownPercent);
        if (SameSku(current, target))
        {
            return [];
        }

        if (Capacity(target) >= Capacity(current))
        {
            return [target];
        }

        var between = ladder
            .Where(s => Capacity(s) > Capacity(target) && Capacity(s) < Capacity(current))
            .OrderBy(Capacity)
            .ToList();
        var steps = new List<SkuSpec>();
        var at = current;
        while (!SameSku(at, target))
        {
            var floor = Capacity(at) * (1 - (maxStepDownPercent / 100.0));
            SkuSpec next;
            if (Capacity(target) >= floor - 1e-9)
            {
                next = target;
            }
            else
            {
                var smaller = between.Where(s => Capacity(s) < Capacity(at)).ToList();
                next = smaller.FirstOrDefault(s => Capacity(s) >= floor - 1e-9) ?? (smaller.Count > 0 ? smaller[^1] : target);
            }

            steps.Add(next);
            at = next;
        }

        return steps;
    }

    private static double Capacity(SkuSpec s) => s.VCpus + (s.MemoryGb / 1e6);

    private static bool SameSku(SkuSpec a, SkuSpec b) => string.Equals(a.Name, b.Name, StringComparison.OrdinalIgnoreCase);

    private static void ValidatePercent(double percent)
    {
        if (!(percent > 0 && percent <= 100))
        {
            throw new ArgumentOutOfRangeException(nameof(percent), percent, "Maximum step down must be in (0, 100] percent.");
        }
    }
}
