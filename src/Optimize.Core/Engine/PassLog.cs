using Microsoft.Extensions.Logging;

namespace Optimize.Engine;

/// <summary>Log messages of a pass (event ids 2000–2099).</summary>
internal static partial class PassLog
{
    [LoggerMessage(2000, LogLevel.Information, "Pass {PassId} completed: {Analyzed} analyzed, {Recommendations} recommendations, {Planned} changes planned")]
    public static partial void Completed(ILogger logger, string passId, int analyzed, int recommendations, int planned);

    [LoggerMessage(2001, LogLevel.Error, "Pass {PassId} failed; no further change is planned by it")]
    public static partial void Failed(ILogger logger, Exception exception, string passId);
}
