using System.Text.Json;
using System.Text.Json.Serialization;

namespace Optimize.Journal;

/// <summary>The JSON settings of the journal's serialized columns (plans, configurations, evidence).</summary>
public static class JournalJson
{
    /// <summary>Compact, enums as names.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.General)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Serializes a value.</summary>
    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>Deserializes a value; a null document is an error.</summary>
    /// <exception cref="InvalidDataException">The stored JSON does not describe a <typeparamref name="T"/>.</exception>
    public static T Read<T>(string json, string what)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, Options) ?? throw new InvalidDataException($"The stored {what} is null.");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"The stored {what} is not valid: {ex.Message}", ex);
        }
    }
}
