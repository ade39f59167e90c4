using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Xml;

namespace Optimize.Policy.Serialization;

/// <summary>
/// Reads a <see cref="TimeSpan"/> from <c>"30s"</c>, <c>"15m"</c>, <c>"4h"</c>, <c>"14d"</c> or ISO-8601
/// (<c>"PT15M"</c>, <c>"P14D"</c>); writes the short form in the largest whole unit (<c>"14d"</c>), or ISO-8601
/// when no whole unit fits (<c>"PT1.5S"</c>).
/// </summary>
public sealed class DurationJsonConverter : JsonConverter<TimeSpan>
{
    /// <summary>Parses a duration in either form.</summary>
    /// <exception cref="FormatException">Neither form, or out of range.</exception>
    public static TimeSpan Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            if (text.StartsWith('P'))
            {
                return XmlConvert.ToTimeSpan(text);
            }

            if (text.Length >= 2 && long.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                return text[^1] switch
                {
                    's' => TimeSpan.FromSeconds(n),
                    'm' => TimeSpan.FromMinutes(n),
                    'h' => TimeSpan.FromHours(n),
                    'd' => TimeSpan.FromDays(n),
                    _ => throw new FormatException(),
                };
            }
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentOutOfRangeException)
        {
            throw new FormatException($"'{text}' is not a duration (30s, 15m, 4h, 14d or ISO-8601 such as PT15M): {e.Message}", e);
        }

        throw new FormatException($"'{text}' is not a duration (30s, 15m, 4h, 14d or ISO-8601 such as PT15M).");
    }

    /// <summary>Formats a duration in the short form when a whole unit fits, else ISO-8601.</summary>
    public static string Format(TimeSpan value) => value switch
    {
        { Ticks: > 0 } when value.Ticks % TimeSpan.TicksPerDay == 0 => Whole(value.Ticks / TimeSpan.TicksPerDay, 'd'),
        { Ticks: > 0 } when value.Ticks % TimeSpan.TicksPerHour == 0 => Whole(value.Ticks / TimeSpan.TicksPerHour, 'h'),
        { Ticks: > 0 } when value.Ticks % TimeSpan.TicksPerMinute == 0 => Whole(value.Ticks / TimeSpan.TicksPerMinute, 'm'),
        { Ticks: >= 0 } when value.Ticks % TimeSpan.TicksPerSecond == 0 => Whole(value.Ticks / TimeSpan.TicksPerSecond, 's'),
        _ => XmlConvert.ToString(value),
    };

    /// <inheritdoc />
    public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"A duration must be a string such as \"15m\", not {reader.TokenType}.");
        }

        try
        {
            return Parse(reader.GetString()!);
        }
        catch (FormatException e)
        {
            throw new JsonException(e.Message, e);
        }
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(Format(value));
    }

    private static string Whole(long count, char unit) => count.ToString(CultureInfo.InvariantCulture) + unit;
}
