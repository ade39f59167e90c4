using System.Text.Json;
using System.Text.Json.Serialization;

namespace Optimize.Policy.Serialization;

/// <summary>Reads and writes a <see cref="DayOfWeek"/> as its three-letter English name (<c>"Mon"</c> … <c>"Sun"</c>).</summary>
public sealed class DayOfWeekJsonConverter : JsonConverter<DayOfWeek>
{
    private static readonly string[] Names = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

    /// <summary>The three-letter name of <paramref name="day"/>.</summary>
    public static string Format(DayOfWeek day) => Names[(int)day];

    /// <inheritdoc />
    public override DayOfWeek Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        var index = Array.IndexOf(Names, text);
        return index >= 0
            ? (DayOfWeek)index
            : throw new JsonException($"A day must be one of {string.Join(", ", Names)}, not {text ?? reader.TokenType.ToString()}.");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DayOfWeek value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(Format(value));
    }
}
