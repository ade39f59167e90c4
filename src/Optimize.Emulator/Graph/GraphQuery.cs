using System.Text.Json.Nodes;

namespace Optimize.Emulator.Graph;

/// <summary>
/// The subset of KQL the emulator's Resource Graph runs. It cannot run KQL in general; it runs exactly this grammar and
/// refuses everything else with <see cref="GraphQueryException"/> (never silently answering with every row):
/// <code>
/// query     := ('resources' | 'Resources') ( '|' operator )*
/// operator  := 'where' or-expr | 'project' column (',' column)*
/// or-expr   := and-expr ('or' and-expr)*
/// and-expr  := primary ('and' primary)*
/// primary   := '(' or-expr ')' | ('isnull' | 'isnotnull') '(' path ')' | path compare string
///            | path ('in' | 'in~' | '!in' | '!in~') '(' string (',' string)* ')'
/// compare   := '==' | '!=' | '=~' | '!~' | 'contains' | '!contains' | 'startswith'
/// path      := column ('.' name)*            (column: one of <see cref="Columns"/>, case-sensitive as in KQL)
/// string    := '…' | "…"
/// </code>
/// String operators follow KQL: <c>==</c>, <c>!=</c> and <c>in</c> are case-sensitive; <c>=~</c>, <c>!~</c>, <c>in~</c>,
/// <c>contains</c> and <c>startswith</c> are not; a missing value compares as the empty string.
/// </summary>
internal sealed class GraphQuery
{
    /// <summary>The columns of the <c>resources</c> table that the emulator fills.</summary>
    public static readonly IReadOnlyList<string> Columns =
        ["id", "name", "type", "tenantId", "kind", "location", "resourceGroup", "subscriptionId", "managedBy", "sku", "plan", "properties", "tags", "identity", "zones", "extendedLocation"];

    private readonly List<Func<JsonObject, bool>> _filters = [];
    private readonly List<string> _tokens;
    private int _at;

    private GraphQuery(List<string> tokens) => _tokens = tokens;

    /// <summary>The projected columns in order, or null when the query projects nothing (every column).</summary>
    public IReadOnlyList<string>? Projection { get; private set; }

    /// <summary>Parses <paramref name="text"/>.</summary>
    /// <exception cref="GraphQueryException">The query is empty, malformed or outside the subset.</exception>
    public static GraphQuery Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new GraphQueryException("ParserFailure", "The query is empty.");
        }

        var query = new GraphQuery(GraphTokenizer.Tokenize(text));
        query.ParseQuery();
        return query;
    }

    /// <summary>True when <paramref name="row"/> passes every <c>where</c>.</summary>
    public bool Matches(JsonObject row) => _filters.All(f => f(row));

    /// <summary>The row with only the projected columns (the row itself without a <c>project</c>).</summary>
    public JsonObject Project(JsonObject row)
    {
        if (Projection is null)
        {
            return row;
        }

        var projected = new JsonObject();
        foreach (var column in Projection)
        {
            projected[column] = row[column]?.DeepClone();
        }

        return projected;
    }

    private void ParseQuery()
    {
        var table = Next();
        if (table is not ("resources" or "Resources"))
        {
            throw new GraphQueryException("UnsupportedTable", $"The emulator serves the 'resources' table only, not '{table}'.");
        }

        while (Peek() is not null)
        {
            Expect("|");
            var op = Next();
            switch (op)
            {
                case "where":
                    _filters.Add(Or());
                    break;
                case "project":
                    if (Projection is not null)
                    {
                        throw Unsupported("a second 'project'");
                    }

                    var columns = new List<string> { Column(Next()) };
                    while (Peek() == ",")
                    {
                        _at++;
                        columns.Add(Column(Next()));
                    }

                    Projection = columns;
                    break;
                default:
                    throw Unsupported($"the operator '{op}'");
            }
        }
    }

    private Func<JsonObject, bool> Or()
    {
        var left = And();
        while (Peek() == "or")
        {
            _at++;
            var (a, b) = (left, And());
            left = row => a(row) || b(row);
        }

        return left;
    }

    private Func<JsonObject, bool> And()
    {
        var left = Primary();
        while (Peek() == "and")
        {
            _at++;
            var (a, b) = (left, Primary());
            left = row => a(row) && b(row);
        }

        return left;
    }

    private Func<JsonObject, bool> Primary()
    {
        var token = Next();
        if (token == "(")
        {
            var inner = Or();
            Expect(")");
            return inner;
        }

        if (token is "isnull" or "isnotnull")
        {
            Expect("(");
            var path = Path(Next());
            Expect(")");
            var wantNull = token == "isnull";
            return row => (Resolve(row, path) is null) == wantNull;
        }

        var target = Path(token);
        var op = Next();
        switch (op)
        {
            case "in" or "in~" or "!in" or "!in~":
                var values = List();
                var comparison = op.EndsWith('~') ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
                var set = new HashSet<string>(values, comparison);
                var negate = op.StartsWith('!');
                return row => set.Contains(Text(Resolve(row, target))) != negate;
            case "==" or "!=" or "=~" or "!~" or "contains" or "!contains" or "startswith":
                var literal = Literal(Next());
                return op switch
                {
                    "==" => row => string.Equals(Text(Resolve(row, target)), literal, StringComparison.Ordinal),
                    "!=" => row => !string.Equals(Text(Resolve(row, target)), literal, StringComparison.Ordinal),
                    "=~" => row => string.Equals(Text(Resolve(row, target)), literal, StringComparison.OrdinalIgnoreCase),
                    "!~" => row => !string.Equals(Text(Resolve(row, target)), literal, StringComparison.OrdinalIgnoreCase),
                    "contains" => row => Text(Resolve(row, target)).Contains(literal, StringComparison.OrdinalIgnoreCase),
                    "!contains" => row => !Text(Resolve(row, target)).Contains(literal, StringComparison.OrdinalIgnoreCase),
                    _ => row => Text(Resolve(row, target)).StartsWith(literal, StringComparison.OrdinalIgnoreCase),
                };
            default:
                throw Unsupported($"the operator '{op ?? "(end of query)"}' after '{string.Join('.', target)}'");
        }
    }

    private List<string> List()
    {
        Expect("(");
        var values = new List<string> { Literal(Next()) };
        while (Peek() == ",")
        {
            _at++;
            values.Add(Literal(Next()));
        }

        Expect(")");
        return values;
    }

    private static string[] Path(string? token)
    {
        if (token is null)
        {
            throw new GraphQueryException("ParserFailure", "The query ends where a column was expected.");
        }

        var parts = token.Split('.');
        Column(parts[0]);
        if (parts.Skip(1).Any(p => p.Length == 0))
        {
            throw new GraphQueryException("ParserFailure", $"'{token}' is not a property path.");
        }

        return parts;
    }

    private static string Column(string? token) =>
        token is not null && Columns.Contains(token, StringComparer.Ordinal)
            ? token
            : throw new GraphQueryException("UnknownColumn", $"Failed to resolve column or scalar expression named '{token}'.");

    private static string Literal(string? token) =>
        token is { Length: >= 2 } && (token[0] is '\'' or '"') && token[^1] == token[0]
            ? token[1..^1]
            : throw Unsupported($"'{token}' where a string literal was expected (only string literals are supported)");

    private static JsonNode? Resolve(JsonObject row, string[] path)
    {
        JsonNode? node = row[path[0]];
        for (var i = 1; i < path.Length && node is not null; i++)
        {
            node = node is JsonObject o ? o[path[i]] : null;
        }

        return node;
    }

    private static string Text(JsonNode? node) => node switch
    {
        null => string.Empty,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => node.ToJsonString(),
    };

    private string? Peek() => _at < _tokens.Count ? _tokens[_at] : null;

    private string? Next() => _at < _tokens.Count ? _tokens[_at++] : null;

    private void Expect(string token)
    {
        var found = Next();
        if (found != token)
        {
            throw new GraphQueryException("ParserFailure", $"Expected '{token}' but found '{found ?? "(end of query)"}'.");
        }
    }

    private static GraphQueryException Unsupported(string what) =>
        new("UnsupportedQuery", $"The emulator's Resource Graph does not support {what}; it runs only the documented KQL subset (where with ==, =~, !~, in~, contains, isnotnull, and/or; project).");
}

/// <summary>A query outside the emulator's KQL subset or malformed; <see cref="Code"/> goes into the error's details.</summary>
internal sealed class GraphQueryException(string code, string message) : Exception(message)
{
    /// <summary>The detail code (<c>ParserFailure</c>, <c>UnsupportedQuery</c>, <c>UnknownColumn</c>, <c>UnsupportedTable</c>).</summary>
    public string Code { get; } = code;
}
