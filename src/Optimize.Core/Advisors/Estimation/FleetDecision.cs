namespace Optimize.Advisors.Estimation;

/// <summary>What a <see cref="FleetSizer"/> concluded.</summary>
public enum FleetVerdict
{
    /// <summary>Hot: more capacity.</summary>
    Up,

    /// <summary>Sustained low use: a cheaper option fits.</summary>
    Down,

    /// <summary>The current option is fine (within target, or in the band between target and scale-up).</summary>
    RightSized,

    /// <summary>Already the smallest compatible size at the smallest allowed count.</summary>
    AlreadySmallest,

    /// <summary>Hot, and nothing larger is available.</summary>
    NoCandidate,
}

/// <summary>A sizer's verdict and, for Up and Down, the option chosen.</summary>
/// <param name="Verdict">What was concluded.</param>
/// <param name="Target">The option chosen (the current one unless Up or Down).</param>
/// <param name="Detail">For skips: the numbers, "cpu p95 projects to 55% ≤ 70%".</param>
public sealed record FleetDecision(FleetVerdict Verdict, FleetOption Target, string Detail = "");
