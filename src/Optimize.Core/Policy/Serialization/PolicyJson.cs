using System.Text.Json;
using System.Text.Json.Serialization;

namespace Optimize.Policy.Serialization;

/// <summary>The serializer settings of the policy file: camelCase names, durations, HH:mm times, day names and
/// camelCase enum names (<c>"approve"</c>, <c>"virtualMachine"</c>); comments and trailing commas are allowed.</summary>
public static class PolicyJson
{
    /// <summary>Options for reading and writing policy files. Frozen (read-only).</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>Options for parsing the raw document (same comment and comma rules as <see cref="Options"/>).</summary>
    public static JsonDocumentOptions DocumentOptions { get; } = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            WriteIndented = true,
            Converters =
            {
                new DurationJsonConverter(),
                new TimeOfDayJsonConverter(),
                new DayOfWeekJsonConverter(),
                new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false),
            },
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
