using System.Text;

namespace Optimize.Emulator.Graph;

/// <summary>
/// Splits a query of <see cref="GraphQuery"/>'s subset into tokens: <c>| ( ) ,</c>, string literals (quotes kept),
/// <c>== != =~ !~</c>, and words (names, dotted paths, <c>in~</c>, <c>!in</c>, <c>!in~</c>, <c>!contains</c>).
/// </summary>
internal static class GraphTokenizer
{
    /// <summary>The tokens of <paramref name="text"/>.</summary>
    /// <exception cref="GraphQueryException">An unterminated string or a character outside the subset.</exception>
    public static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '|' or '(' or ')' or ',')
            {
                tokens.Add(c.ToString());
                i++;
            }
            else if (c is '\'' or '"')
            {
                var end = text.IndexOf(c, i + 1);
                if (end < 0)
                {
                    throw new GraphQueryException("ParserFailure", $"Unterminated string literal at position {i}.");
                }

                tokens.Add(text[i..(end + 1)]);
                i = end + 1;
            }
            else if (c is '=' or '!' && i + 1 < text.Length && text[i + 1] is '=' or '~')
            {
                tokens.Add(text.Substring(i, 2));
                i += 2;
            }
            else if (char.IsLetter(c) || c is '_' or '!')
            {
                var word = new StringBuilder().Append(c);
                i++;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '.'))
                {
                    word.Append(text[i++]);
                }

                if (i < text.Length && text[i] == '~')
                {
                    word.Append(text[i++]);
                }

                tokens.Add(word.ToString());
            }
            else
            {
                throw new GraphQueryException("ParserFailure", $"Unexpected character '{c}' at position {i}.");
            }
        }

        return tokens;
    }
}
