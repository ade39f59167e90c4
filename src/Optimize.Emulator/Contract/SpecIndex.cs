using System.Text.Json.Nodes;

namespace Optimize.Emulator.Contract;

/// <summary>One Swagger document of the pack: a source file's <c>paths</c>, <c>parameters</c> and <c>definitions</c>.</summary>
/// <param name="Pack">The pack file it was read from (relative to <c>specs/</c>).</param>
/// <param name="Name">The source file name (<c>WebApps.json</c>, <c>computeRPCommon.json</c>); a whole file's own name.</param>
/// <param name="Root">The object holding <c>paths</c>, <c>parameters</c>, <c>definitions</c>.</param>
/// <param name="ApiVersion">The api-version of the pack file.</param>
internal sealed record SpecDocument(string Pack, string Name, JsonObject Root, string ApiVersion)
{
    /// <summary>The definition <paramref name="name"/>, or null.</summary>
    public JsonObject? Definition(string name) => Root["definitions"]?[name] as JsonObject;
}

/// <summary>One published operation: its path template, method, api-version and Swagger operation object.</summary>
internal sealed record SpecOperation(string OperationId, string Method, string Template, SpecDocument Document, JsonObject Operation)
{
    /// <summary>The template's segments; <c>{name}</c> segments are parameters.</summary>
    public string[] Segments { get; } = Template.Trim('/').Split('/');

    /// <summary>Literal segments (more literals win when two templates match one path).</summary>
    public int Literals => Segments.Count(s => !s.StartsWith('{'));
}

/// <summary>
/// The operations of the Swagger fragments in <c>specs/*.json</c> (assembled: <c>{source, files:{name:{paths, parameters,
/// definitions}}}</c>) and <c>specs/whole/*.json</c> (whole published files), by path template + HTTP method → operationId,
/// and the <c>$ref</c> resolution between their documents (see specs/NOTES.md and ../PROVENANCE.md of the pack).
/// </summary>
internal sealed class SpecIndex
{
    private readonly List<SpecOperation> _operations = [];
    private readonly Dictionary<string, SpecOperation> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<SpecDocument>> _byPack = new(StringComparer.Ordinal);

    /// <summary>Operations by operationId (the first file read wins: files are read in ordinal order, assembled ones first).</summary>
    public IReadOnlyDictionary<string, SpecOperation> Operations => _byId;

    /// <summary>Reads every spec of <paramref name="specsDirectory"/>.</summary>
    /// <exception cref="InvalidDataException">A file is not JSON, or not a Swagger document or an assembled fragment (the file is named).</exception>
    public static SpecIndex Load(string specsDirectory)
    {
        var index = new SpecIndex();
        var files = Directory.GetFiles(specsDirectory, "*.json").Order(StringComparer.Ordinal)
            .Concat(Directory.Exists(Path.Combine(specsDirectory, "whole"))
                ? Directory.GetFiles(Path.Combine(specsDirectory, "whole"), "*.json").Order(StringComparer.Ordinal)
                : []);
        foreach (var file in files)
        {
            JsonObject root;
            try
            {
                root = JsonNode.Parse(File.ReadAllText(file)) as JsonObject ?? throw new InvalidDataException($"{file} is not a JSON object.");
            }
            catch (System.Text.Json.JsonException ex)
            {
                throw new InvalidDataException($"{file} is not JSON: {ex.Message}", ex);
            }

            Materialize(root);
            index.Add(Path.GetRelativePath(specsDirectory, file), root);
        }

        return index;
    }

    /// <summary>
    /// Walks every node once: a parsed JsonObject builds its members on first access, which is not thread-safe; once built, the
    /// never-mutated tree may be read by concurrent requests.
    /// </summary>
    private static void Materialize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (_, child) in o)
                {
                    Materialize(child);
                }

                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    Materialize(child);
                }

                break;
        }
    }

    private void Add(string pack, JsonObject root)
    {
        var documents = new List<SpecDocument>();
        if (root["files"] is JsonObject files)
        {
            var version = root["source"]?["api-version"]?.GetValue<string>() ?? throw new InvalidDataException($"{pack} has no source.api-version.");
            documents.AddRange(files.Select(f => new SpecDocument(pack, f.Key, f.Value as JsonObject ?? [], version)));
        }
        else
        {
            var version = root["info"]?["version"]?.GetValue<string>() ?? throw new InvalidDataException($"{pack} has no info.version.");
            documents.Add(new SpecDocument(pack, Path.GetFileName(pack), root, version));
        }

        _byPack[pack] = documents;
        foreach (var document in documents)
        {
            foreach (var (template, item) in document.Root["paths"] as JsonObject ?? [])
            {
                foreach (var (method, operation) in item as JsonObject ?? [])
                {
                    if (operation is JsonObject op && op["operationId"]?.GetValue<string>() is { } id && !_byId.ContainsKey(id))
                    {
                        var entry = new SpecOperation(id, method.ToUpperInvariant(), template, document, op);
                        _byId[id] = entry;
                        _operations.Add(entry);
                    }
                }
            }
        }
    }

    /// <summary>
    /// The operation serving <paramref name="method"/> <paramref name="path"/> at <paramref name="apiVersion"/>, or null. Literal
    /// segments compare case-insensitively (ARM paths are case-insensitive); a parameter whose definition says
    /// <c>x-ms-skip-url-encoding</c> (<c>{resourceUri}</c>) spans one or more segments; of several matches the most literal wins.
    /// </summary>
    public SpecOperation? Match(string method, string path, string? apiVersion)
    {
        var segments = path.Trim('/').Split('/');
        return _operations
            .Where(o => string.Equals(o.Method, method, StringComparison.OrdinalIgnoreCase)
                && string.Equals(o.Document.ApiVersion, apiVersion, StringComparison.OrdinalIgnoreCase)
                && Matches(o, o.Segments, 0, segments, 0))
            .OrderByDescending(o => o.Literals)
            .FirstOrDefault();
    }

    private bool Matches(SpecOperation op, string[] template, int t, string[] path, int p)
    {
        if (t == template.Length)
        {
            return p == path.Length;
        }

        if (p == path.Length || path[p].Length == 0)
        {
            return false;
        }

        var segment = template[t];
        if (!segment.StartsWith('{') || !segment.EndsWith('}'))
        {
            return string.Equals(segment, path[p], StringComparison.OrdinalIgnoreCase) && Matches(op, template, t + 1, path, p + 1);
        }

        if (!SpansSegments(op, segment[1..^1]))
        {
            return Matches(op, template, t + 1, path, p + 1);
        }

        for (var end = p + 1; end <= path.Length; end++)
        {
            if (Matches(op, template, t + 1, path, end))
            {
                return true;
            }
        }

        return false;
    }

    private bool SpansSegments(SpecOperation op, string name) =>
        Parameters(op).Any(p => p.Node["name"]?.GetValue<string>() == name && p.Node["x-ms-skip-url-encoding"]?.GetValue<bool>() == true);

    /// <summary>The operation's parameters, <c>$ref</c>s to <c>#/parameters/…</c> resolved (unresolvable ones left out).</summary>
    public IEnumerable<(JsonObject Node, SpecDocument Document)> Parameters(SpecOperation op)
    {
        foreach (var parameter in op.Operation["parameters"] as JsonArray ?? [])
        {
            if (parameter is not JsonObject node)
            {
                continue;
            }

            if (node["$ref"]?.GetValue<string>() is { } reference)
            {
                if (Resolve(op.Document, reference) is ({ } target, var document))
                {
                    yield return (target, document);
                }

                continue;
            }

            yield return (node, op.Document);
        }
    }

    /// <summary>
    /// The object <paramref name="reference"/> names, seen from <paramref name="from"/>: a local <c>#/definitions/X</c> or
    /// <c>#/parameters/X</c>, or a cross-file <c>./other.json#/…</c> (or <c>../../common-types/…/common.json#/…</c>) resolved by file
    /// name among the documents of the same pack file. Null when the target was not copied into the pack (common-types, the
    /// deliberately unresolved definitions listed in each file).
    /// </summary>
    public (JsonObject? Node, SpecDocument Document) Resolve(SpecDocument from, string reference)
    {
        var hash = reference.IndexOf('#', StringComparison.Ordinal);
        var file = hash < 0 ? reference : reference[..hash];
        var fragment = hash < 0 ? "" : reference[(hash + 1)..];
        var document = file.Length == 0 ? from : _byPack[from.Pack].FirstOrDefault(d => d.Name == Path.GetFileName(file));
        if (document is null)
        {
            return (null, from);
        }

        JsonNode? node = document.Root;
        foreach (var part in fragment.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            node = (node as JsonObject)?[part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)];
        }

        return (node as JsonObject, document);
    }
}
