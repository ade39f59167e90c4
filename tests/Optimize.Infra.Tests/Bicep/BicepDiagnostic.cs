using System.Text.RegularExpressions;

namespace Optimize.Infra.Tests.Bicep;

/// <summary>One diagnostic line of the Bicep CLI: <c>file(line,col) : Warning code: message</c>.</summary>
/// <param name="File">Source file.</param>
/// <param name="Level"><c>Error</c>, <c>Warning</c> or <c>Info</c>.</param>
/// <param name="Code">Diagnostic code (<c>BCP081</c>, <c>use-recent-api-versions</c>).</param>
/// <param name="Line">The whole line, for messages.</param>
internal sealed partial record BicepDiagnostic(string File, string Level, string Code, string Line)
{
    /// <summary>Linter rules whose verdict depends on today's date rather than on the template.</summary>
    public static readonly IReadOnlySet<string> DateDependentCodes = new HashSet<string>(StringComparer.Ordinal) { "use-recent-api-versions" };

    /// <summary>True for errors.</summary>
    public bool IsError => Level == "Error";

    /// <summary>Parses every diagnostic line of <paramref name="output"/>; other lines are ignored.</summary>
    public static IReadOnlyList<BicepDiagnostic> Parse(string output) =>
        [.. output.Split('\n')
            .Select(line => (Line: line.TrimEnd('\r'), Match: DiagnosticLine().Match(line.TrimEnd('\r'))))
            .Where(x => x.Match.Success)
            .Select(x => new BicepDiagnostic(x.Match.Groups["file"].Value, x.Match.Groups["level"].Value, x.Match.Groups["code"].Value, x.Line))];

    [GeneratedRegex(@"^(?<file>.+?)\(\d+,\d+\) : (?<level>Error|Warning|Info) (?<code>[A-Za-z0-9\-]+): ")]
    private static partial Regex DiagnosticLine();
}
