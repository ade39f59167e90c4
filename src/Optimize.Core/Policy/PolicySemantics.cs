using System.Globalization;
using Optimize.Changes;
using Optimize.Metrics;
using Optimize.Model;
using Optimize.Policy.Schema;

namespace Optimize.Policy;

/// <summary>The checks a JSON Schema cannot express: relations between fields, time zones, metric names.</summary>
internal static class PolicySemantics
{
    /// <summary>Statistics a guard may use.</summary>
    public static readonly IReadOnlySet<string> Statistics = new HashSet<string>(StringComparer.Ordinal) { "mean", "p50", "p90", "p95", "p99", "max" };

    /// <summary>Every semantic problem of <paramref name="policy"/>, with the JSON path of the field to fix.</summary>
    public static IEnumerable<PolicyError> Check(OptimizePolicy policy)
    {
        const string root = JsonPointers.Root;
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < policy.Scopes.Count; i++)
        {
            var name = policy.Scopes[i].Name;
            if (!seen.TryAdd(name, i))
            {
                yield return new(Path(root, "scopes", i, "name"), $"scope name '{name}' is already used by /scopes/{seen[name]}");
            }
        }

        if (string.Equals(policy.Tags.OptIn, policy.Tags.OptOut, StringComparison.OrdinalIgnoreCase))
        {
            yield return new("/tags/optIn", $"opt-in tag '{policy.Tags.OptIn}' must differ from the opt-out tag");
        }

        for (var i = 0; i < policy.ChangeWindows.Count; i++)
        {
            foreach (var error in CheckWindow(policy.ChangeWindows[i], JsonPointers.Item("/changeWindows", i)))
            {
                yield return error;
            }
        }

        if (policy.Cooldowns.AfterRollback < policy.Cooldowns.AfterChange)
        {
            yield return new("/cooldowns/afterRollback", $"{Show(policy.Cooldowns.AfterRollback)} must be at least afterChange ({Show(policy.Cooldowns.AfterChange)})");
        }

        if (policy.Cooldowns.AfterIneffectiveUpsize < policy.Cooldowns.AfterRollback)
        {
            yield return new("/cooldowns/afterIneffectiveUpsize", $"{Show(policy.Cooldowns.AfterIneffectiveUpsize)} must be at least afterRollback ({Show(policy.Cooldowns.AfterRollback)})");
        }

        var changing = policy.Scopes.Select(s => s.Mode ?? policy.DefaultMode).Any(m => m is ChangeMode.Approve or ChangeMode.Auto);
        if (changing && policy.Limits.MaxInFlight < 1)
        {
            yield return new("/limits/maxInFlight", "must be at least 1 when a scope's mode is approve or auto");
        }

        if (changing && policy.Limits.MaxChangesPerPass < 1)
        {
            yield return new("/limits/maxChangesPerPass", "must be at least 1 when a scope's mode is approve or auto");
        }

        foreach (var error in CheckData(policy.Data))
        {
            yield return error;
        }

        foreach (var (path, value) in new[] { ("/approval/timeout", policy.Approval.Timeout), ("/alerts/revertWindow", policy.Alerts.RevertWindow), ("/alerts/maxAge", policy.Alerts.MaxAge), ("/retention/keepFor", policy.Retention.KeepFor) })
        {
            if (value <= TimeSpan.Zero)
            {
                yield return new(path, "must be positive");
            }
        }

        foreach (var kind in Enum.GetValues<ResourceKind>())
        {
            var path = "/kinds/" + KindName(kind);
            foreach (var error in CheckKind(policy.Kinds.For(kind), path))
            {
                yield return error;
            }

            if (policy.Kinds.For(kind) is { Enabled: true, Guards.Count: 0 } && ChangingScope(policy, kind) is { } scope)
            {
                yield return new(path + "/guards", $"must hold at least one guard: scope '{scope.Name}' changes {KindName(kind)} in {ModeName(scope.Mode ?? policy.DefaultMode)} mode, and a change with no guard is promoted unchecked");
            }
        }
    }

    /// <summary>The JSON name of <paramref name="kind"/> (<c>virtualMachine</c>).</summary>
    public static string KindName(ResourceKind kind) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(kind.ToString());

    /// <summary>The first scope that may change resources of <paramref name="kind"/> (approve or auto mode), if any.</summary>
    private static PolicyScope? ChangingScope(OptimizePolicy policy, ResourceKind kind) =>
        policy.Scopes.FirstOrDefault(s => (s.Mode ?? policy.DefaultMode) is ChangeMode.Approve or ChangeMode.Auto && (s.Kinds.Count == 0 || s.Kinds.Contains(kind)));

    private static string ModeName(ChangeMode mode) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(mode.ToString());

    private static IEnumerable<PolicyError> CheckWindow(ChangeWindow window, string path)
    {
        if (!TryFindZone(window.TimeZone, out var problem))
        {
            yield return new(path + "/timeZone", problem);
        }

        if (window.Start == window.End)
        {
            yield return new(path + "/end", $"must differ from start ({window.Start:HH\\:mm}); use two windows or no window for all day");
        }

        if (window.Days.Count == 0)
        {
            yield return new(path + "/days", "must name at least one day");
        }
    }

    private static IEnumerable<PolicyError> CheckData(DataPolicy data)
    {
        if (data.Interval <= TimeSpan.Zero)
        {
            yield return new("/data/interval", "must be positive");
        }

        if (data.Lookback < TimeSpan.FromDays(1))
        {
            yield return new("/data/lookback", $"{Show(data.Lookback)} is shorter than 1 day");
        }
        else if (data.Interval > TimeSpan.Zero && data.Lookback < data.Interval * 24)
        {
            yield return new("/data/lookback", $"{Show(data.Lookback)} holds fewer than 24 intervals of {Show(data.Interval)}");
        }
    }

    private static IEnumerable<PolicyError> CheckKind(KindPolicy kind, string path)
    {
        if (kind.TargetCpuPercent >= kind.ScaleUpCpuPercent)
        {
            yield return new(path + "/targetCpuPercent", string.Create(CultureInfo.InvariantCulture, $"{kind.TargetCpuPercent} must be below scaleUpCpuPercent ({kind.ScaleUpCpuPercent})"));
        }

        var stages = kind.Stages;
        foreach (var (name, value) in new[] { ("settle", stages.Settle), ("observe", stages.Observe), ("checkEvery", stages.CheckEvery), ("baselineWindow", stages.BaselineWindow) })
        {
            if (value <= TimeSpan.Zero)
            {
                yield return new($"{path}/stages/{name}", "must be positive");
            }
        }

        if (stages.CheckEvery > stages.Observe)
        {
            yield return new(path + "/stages/checkEvery", $"{Show(stages.CheckEvery)} must not exceed observe ({Show(stages.Observe)})");
        }

        for (var i = 0; i < kind.Guards.Count; i++)
        {
            var guard = kind.Guards[i];
            var guardPath = JsonPointers.Item(path + "/guards", i);
            if (!MetricNames.All.Contains(guard.Metric, StringComparer.Ordinal))
            {
                yield return new(guardPath + "/metric", $"'{guard.Metric}' is not a metric (one of {string.Join(", ", MetricNames.All)})");
            }

            if (!Statistics.Contains(guard.Statistic))
            {
                yield return new(guardPath + "/statistic", $"'{guard.Statistic}' is not a statistic (one of {string.Join(", ", Statistics)})");
            }

            foreach (var (name, limit) in new[] { ("absoluteMax", guard.AbsoluteMax), ("maxRegressionPercent", guard.MaxRegressionPercent), ("maxIncrease", guard.MaxIncrease) })
            {
                if (limit is { } value && !double.IsFinite(value))
                {
                    yield return new($"{guardPath}/{name}", "must be a finite number (a limit of infinity never fails)");
                }
            }

            if (guard.AbsoluteMax is null && guard.MaxRegressionPercent is null && guard.MaxIncrease is null)
            {
                yield return new(guardPath, "needs at least one limit: absoluteMax, maxRegressionPercent or maxIncrease");
            }
        }
    }

    private static bool TryFindZone(string id, out string problem)
    {
        try
        {
            _ = TimeZoneInfo.FindSystemTimeZoneById(id);
            problem = string.Empty;
            return true;
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            problem = $"'{id}' is not a known IANA time zone (for example UTC, Europe/Amsterdam)";
            return false;
        }
    }

    private static string Path(string root, string array, int index, string property) =>
        JsonPointers.Property(JsonPointers.Item($"{root}/{array}", index), property);

    private static string Show(TimeSpan value) => Serialization.DurationJsonConverter.Format(value);
}
