namespace Optimize.Workflow;

/// <summary>The result of waiting for an external event with a timeout: the event, or a timeout.</summary>
/// <typeparam name="T">Event payload.</typeparam>
/// <param name="Received">True when the event arrived before the timeout.</param>
/// <param name="Value">The payload when received.</param>
public readonly record struct EventResult<T>(bool Received, T? Value)
{
    /// <summary>The event arrived.</summary>
    public static EventResult<T> Of(T value) => new(true, value);

    /// <summary>The wait timed out.</summary>
    public static EventResult<T> TimedOut => new(false, default);
}
