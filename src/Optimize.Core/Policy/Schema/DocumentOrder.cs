using System.Text.Json;

namespace Optimize.Policy.Schema;

/// <summary>Sorts errors in the order their values appear in the document, so schema and semantic errors read top to bottom.</summary>
internal static class DocumentOrder
{
    /// <summary>
    /// <paramref name="errors"/> ordered by the position of their pointer in <paramref name="root"/> (stable). A pointer to
    /// a value the file does not have (a missing required property, a default) sorts with its nearest ancestor that it
    /// has, just after it; one with no ancestor below the root sorts last.
    /// </summary>
    public static List<PolicyError> Sort(JsonElement root, IEnumerable<PolicyError> errors)
    {
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        Walk(root, JsonPointers.Root, positions);
        return errors.OrderBy(e => Position(e.Path, positions)).ToList();
    }

    private static int Position(string pointer, Dictionary<string, int> positions)
    {
        for (var at = pointer; at.Length > 0; at = JsonPointers.Parent(at))
        {
            if (positions.TryGetValue(at, out var position))
            {
                return position;
            }
        }

        return pointer.Length == 0 ? -1 : int.MaxValue;
    }

    private static void Walk(JsonElement value, string pointer, Dictionary<string, int> positions)
    {
        positions.TryAdd(pointer, positions.Count);
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in value.EnumerateObject())
                {
                    Walk(property.Value, JsonPointers.Property(pointer, property.Name), positions);
                }

                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in value.EnumerateArray())
                {
                    Walk(item, JsonPointers.Item(pointer, i++), positions);
                }

                break;
        }
    }
}
