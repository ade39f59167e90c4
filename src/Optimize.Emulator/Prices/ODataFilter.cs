using System.Text;

namespace Optimize.Emulator.Prices;

/// <summary>
/// The <c>$filter</c> subset of the Retail Prices reference (azure-retail-prices.md, "API sample calls" and "API filters"):
/// <c>{field} eq '{value}'</c> comparisons joined by <c>and</c> / <c>or</c> (<c>and</c> binds tighter, as in OData), with
/// parentheses; string literals in single quotes (<c>''</c> is a quote, as in OData). Fields are those the reference lists under
/// "API filters"; <c>priceType</c> compares the item's <c>type</c>.
/// <para>Case: the reference (2021 copy) says nothing about it. Its own list spells field names unlike the response
/// (<c>Location</c>, <c>productid</c> for <c>location</c>, <c>productId</c>), so field names compare case-insensitively;
/// values compare ordinally, case and all (our model: the strictest reading). Operators are lower case, as OData writes them.</para>
/// Anything else (<c>ne</c>, <c>gt</c>, <c>not</c>, functions such as <c>contains</c>, which the reference never shows,
/// numbers, unquoted values) is refused with <see cref="ODataFilterException"/>.
/// </summary>
internal sealed class ODataFilter
{
    /// <summary>Filterable fields (the reference's spelling) and how each reads an item.</summary>
    public static readonly IReadOnlyDictionary<string, Func<PriceItem, string>> Fields =
        new Dictionary<string, Func<PriceItem, string>>(StringComparer.OrdinalIgnoreCase)
        {
            ["armRegionName"] = i => i.ArmRegionName,
            ["Location"] = i => i.Location,
            ["meterId"] = i => i.MeterId,
            ["meterName"] = i => i.MeterName,
            ["productid"] = i => i.ProductId,
            ["skuId"] = i => i.SkuId,
            ["productName"] = i => i.ProductName,
            ["skuName"] = i => i.SkuName,
            ["serviceName"] = i => i.ServiceName,
            ["serviceId"] = i => i.ServiceId,
            ["serviceFamily"] = i => i.ServiceFamily,
            ["priceType"] = i => i.Type,
            ["armSkuName"] = i => i.ArmSkuName,
        };

    private readonly Func<PriceItem, bool> _match;

    private ODataFilter(Func<PriceItem, bool> match) => _match = match;

    /// <summary>True when <paramref name="item"/> satisfies the filter.</summary>
    public bool Matches(PriceItem item) => _match(item);

    /// <summary>Parses <paramref name="text"/>.</summary>
    /// <exception cref="ODataFilterException">The text is outside the subset (the message says where and why).</exception>
    public static ODataFilter Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = Tokenize(text);
        if (tokens.Count == 0)
        {
            throw new ODataFilterException("The $filter is empty.");
        }

        var position = 0;
        var match = ParseOr(tokens, ref position);
        if (position < tokens.Count)
        {
            throw new ODataFilterException($"Unexpected '{tokens[position].Text}' at position {tokens[position].At}; expected 'and', 'or' or the end.");
        }

        return new ODataFilter(match);
    }

    private static Func<PriceItem, bool> ParseOr(List<Token> tokens, ref int position)
    {
        var left = ParseAnd(tokens, ref position);
        while (IsWord(tokens, position, "or"))
        {
            position++;
            var (l, r) = (left, ParseAnd(tokens, ref position));
            left = i => l(i) || r(i);
        }

        return left;
    }

    private static Func<PriceItem, bool> ParseAnd(List<Token> tokens, ref int position)
    {
        var left = ParsePrimary(tokens, ref position);
        while (IsWord(tokens, position, "and"))
        {
            position++;
            var (l, r) = (left, ParsePrimary(tokens, ref position));
            left = i => l(i) && r(i);
        }

        return left;
    }

    private static Func<PriceItem, bool> ParsePrimary(List<Token> tokens, ref int position)
    {
        var token = Next(tokens, ref position, "a comparison or '('");
        if (token.Text == "(")
        {
            var inner = ParseOr(tokens, ref position);
            if (Next(tokens, ref position, "')'").Text != ")")
            {
                throw new ODataFilterException($"Expected ')' at position {tokens[position - 1].At}.");
            }

            return inner;
        }

        if (token.Kind != TokenKind.Word)
        {
            throw new ODataFilterException($"Expected a field name at position {token.At}, found '{token.Text}'; comparisons are written {{field}} eq '{{value}}'.");
        }

        if (token.Text is "not" or "any" or "all")
        {
            throw new ODataFilterException($"The operator '{token.Text}' (position {token.At}) is not supported; only eq, and, or.");
        }

        if (position < tokens.Count && tokens[position].Text == "(")
        {
            throw new ODataFilterException($"The function '{token.Text}' is not supported; the Retail Prices reference shows only {{field}} eq '{{value}}' joined by and / or.");
        }

        if (!Fields.TryGetValue(token.Text, out var field))
        {
            throw new ODataFilterException($"'{token.Text}' (position {token.At}) cannot be filtered on; the reference lists {string.Join(", ", Fields.Keys)}.");
        }

        var op = Next(tokens, ref position, "'eq'");
        if (op.Kind != TokenKind.Word || op.Text != "eq")
        {
            throw new ODataFilterException($"The operator '{op.Text}' (position {op.At}) is not supported; only 'eq' is.");
        }

        var literal = Next(tokens, ref position, "a string literal");
        if (literal.Kind != TokenKind.String)
        {
            throw new ODataFilterException($"Expected a string literal in single quotes at position {literal.At}, found '{literal.Text}'.");
        }

        var value = literal.Text;
        return i => string.Equals(field(i), value, StringComparison.Ordinal);
    }

    private static bool IsWord(List<Token> tokens, int position, string word) =>
        position < tokens.Count && tokens[position].Kind == TokenKind.Word && tokens[position].Text == word;

    private static Token Next(List<Token> tokens, ref int position, string expected) =>
        position < tokens.Count ? tokens[position++] : throw new ODataFilterException($"The $filter ends where {expected} was expected.");

    private static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '(' or ')' or ',')
            {
                tokens.Add(new Token(TokenKind.Symbol, c.ToString(), i++));
            }
            else if (c == '\'')
            {
                var start = i++;
                var value = new StringBuilder();
                while (true)
                {
                    if (i >= text.Length)
                    {
                        throw new ODataFilterException($"Unterminated string literal at position {start}.");
                    }

                    if (text[i] == '\'' && i + 1 < text.Length && text[i + 1] == '\'')
                    {
                        value.Append('\'');
                        i += 2;
                    }
                    else if (text[i] == '\'')
                    {
                        i++;
                        break;
                    }
                    else
                    {
                        value.Append(text[i++]);
                    }
                }

                tokens.Add(new Token(TokenKind.String, value.ToString(), start));
            }
            else if (char.IsLetter(c) || c == '_')
            {
                var start = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Word, text[start..i], start));
            }
            else if (char.IsDigit(c) || c is '-' or '.')
            {
                var start = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '-' or '.' or ':'))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Number, text[start..i], start));
            }
            else
            {
                throw new ODataFilterException($"Unexpected character '{c}' at position {i}; values are string literals in single quotes.");
            }
        }

        return tokens;
    }

    private enum TokenKind
    {
        Word,
        String,
        Number,
        Symbol,
    }

    private sealed record Token(TokenKind Kind, string Text, int At);
}

/// <summary>A <c>$filter</c> outside the supported subset or malformed.</summary>
internal sealed class ODataFilterException(string message) : Exception(message);
