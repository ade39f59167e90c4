using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Optimize.Policy.Serialization;

/// <summary>Reads and writes a <see cref="TimeOnly"/> as 24-hour <c>"HH:mm"</c> (<c>"01:00"</c>).</summary>
public sealed class TimeOfDayJsonConverter : JsonConverter<TimeOnly>
{
    private const string Pattern = "HH:mm";

    /// <inheritdoc />
    public override TimeOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return TimeOnly.TryParseExact(text, Pattern, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time
            : throw new JsonException($"A time of day must be a string \"HH:mm\" such as \"01:00\", not {text ?? reader.TokenType.ToString()}.");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, TimeOnly value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value.Second != 0 || value.Millisecond != 0 || value.Microsecond != 0)
        {
            throw new JsonException($"Time of day {value:O} has seconds; the policy format holds whole minutes (HH:mm).");
        }

        writer.WriteStringValue(value.ToString(Pattern, CultureInfo.InvariantCulture));
    }
}
