using System.Globalization;
using System.Text;
using System.Text.Json;
using Optimize.Recommendations;

namespace Optimize.Journal;

/// <summary>
/// Evidence compacted to <c>[["cpu.p95",23.4,"%"],…]</c>: about half the size of named objects, every item kept.
/// Non-finite values are written as strings ("NaN").
/// </summary>
public static class EvidenceJson
{
    /// <summary>Serializes the list.</summary>
    public static string Write(IReadOnlyList<EvidenceItem> evidence)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartArray();
            foreach (var item in evidence)
            {
                writer.WriteStartArray();
                writer.WriteStringValue(item.Name);
                if (double.IsFinite(item.Value))
                {
                    writer.WriteNumberValue(item.Value);
                }
                else
                {
                    writer.WriteStringValue(item.Value.ToString(CultureInfo.InvariantCulture));
                }

                writer.WriteStringValue(item.Unit);
                writer.WriteEndArray();
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    /// <summary>Reads what <see cref="Write"/> wrote.</summary>
    /// <exception cref="InvalidDataException">Not an evidence array.</exception>
    public static IReadOnlyList<EvidenceItem> Read(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            var items = new List<EvidenceItem>(document.RootElement.GetArrayLength());
            foreach (var element in document.RootElement.EnumerateArray())
            {
                var value = element[1].ValueKind == JsonValueKind.String
                    ? double.Parse(element[1].GetString()!, CultureInfo.InvariantCulture)
                    : element[1].GetDouble();
                items.Add(new EvidenceItem(element[0].GetString()!, value, element[2].GetString()!));
            }

            return items;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or IndexOutOfRangeException)
        {
            throw new InvalidDataException($"Stored evidence is not valid: {ex.Message}", ex);
        }
    }
}
