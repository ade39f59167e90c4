using Optimize.Policy;

namespace Optimize.Cli.Backtest;

/// <summary>
/// The built-in backtest policy: every replayed VM in one automatic scope, the demo's limits, windows and cooldowns, and
/// the shipped per-kind defaults (target CPU 70 % of the protected p95, guards on CPU p95 and memory max).
/// </summary>
internal static class BacktestPolicy
{
    /// <summary>The policy as code (validated by <see cref="PolicyLoader"/> like any policy file).</summary>
    public const string Json = """
        {
          "version": 1,
          "defaultMode": "recommend",
          "scopes": [
            { "name": "replayed VMs (automatic)", "kinds": ["virtualMachine"], "mode": "auto" }
          ],
          "tags": { "optOut": "optimize-opt-out", "optIn": "optimize-opt-in", "requireOptIn": false },
          "changeWindows": [
            { "days": ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"], "start": "01:00", "end": "06:00", "timeZone": "UTC" }
          ],
          "cooldowns": { "afterChange": "7d", "afterRollback": "30d" },
          "limits": { "maxChangesPerPass": 10, "maxInFlight": 12 },
          "savings": { "minimumMonthly": 5, "currency": "USD" },
          "data": { "lookback": "14d", "interval": "1h", "minimumCoverage": 0.9 },
          "approval": { "timeout": "12h" },
          "alerts": { "revertWindow": "7d" },
          "retention": { "keepFor": "400d" }
        }
        """;

    /// <summary>The built-in policy.</summary>
    /// <exception cref="InvalidOperationException">The embedded policy is invalid (a build defect).</exception>
    public static OptimizePolicy Load() => PolicyLoader.Load(Json).GetPolicyOrThrow();
}
