using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Optimize.Cli.Output;

/// <summary>The one JSON shape every <c>--json</c> output uses: camelCase, enums as strings, indented.</summary>
internal static class CliJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static void Write<T>(TextWriter writer, T value)
    {
        writer.WriteLine(JsonSerializer.Serialize(value, Options));
    }
}
