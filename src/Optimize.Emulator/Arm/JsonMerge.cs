using System.Text.Json.Nodes;

namespace Optimize.Emulator.Arm;

/// <summary>
/// ARM's PATCH semantics (ARM RPC resource-api-reference.md, "PATCH"): JSON merge of the body into the stored resource;
/// objects merge member by member, arrays and values replace, <c>null</c> removes. Read-only paths are left as stored.
/// </summary>
internal static class JsonMerge
{
    /// <summary>Merges <paramref name="patch"/> into <paramref name="target"/>, skipping the dotted <paramref name="readOnly"/> paths.</summary>
    public static void Apply(JsonObject target, JsonObject patch, IReadOnlyCollection<string> readOnly) => Merge(target, patch, "", readOnly);

    private static void Merge(JsonObject target, JsonObject patch, string prefix, IReadOnlyCollection<string> readOnly)
    {
        foreach (var (name, value) in patch.ToArray())
        {
            var path = prefix.Length == 0 ? name : $"{prefix}.{name}";
            if (readOnly.Contains(path, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            if (value is null)
            {
                target.Remove(name);
            }
            else if (value is JsonObject child && target[name] is JsonObject existing)
            {
                Merge(existing, child, path, readOnly);
            }
            else
            {
                target[name] = value.DeepClone();
            }
        }
    }
}
