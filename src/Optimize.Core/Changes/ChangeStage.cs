using Optimize.Model;

namespace Optimize.Changes;

/// <summary>One step of a staged change: apply <see cref="Target"/>, wait <see cref="Settle"/>, then observe
/// for <see cref="Observe"/>, checking the guards every <see cref="CheckEvery"/>.</summary>
/// <param name="Index">0-based position in the plan.</param>
/// <param name="Target">Configuration this stage applies.</param>
/// <param name="Settle">Wait after apply before the first check (warm-up, scale operations finishing).</param>
/// <param name="Observe">How long guards are watched before the stage is promoted.</param>
/// <param name="CheckEvery">Interval between guard checks.</param>
/// <param name="AllowDeallocation">A VM resize that needs deallocation (a restart) is allowed in this stage.</param>
public sealed record ChangeStage(int Index, ResourceConfig Target, TimeSpan Settle, TimeSpan Observe, TimeSpan CheckEvery, bool AllowDeallocation = false)
{
    /// <summary>Validated: a check interval must be positive.</summary>
    public TimeSpan CheckEvery { get; } = CheckEvery > TimeSpan.Zero
        ? CheckEvery
        : throw new ArgumentOutOfRangeException(nameof(CheckEvery), CheckEvery, "CheckEvery must be positive.");
}
