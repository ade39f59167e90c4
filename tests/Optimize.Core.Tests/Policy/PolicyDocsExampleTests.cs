using Optimize.Policy;
using Optimize.Testing;

namespace Optimize.Core.Tests.Policy;

/// <summary>docs/policy.md's bad example gives exactly the errors the page prints, all in one pass.</summary>
public sealed class PolicyDocsExampleTests
{
    private const string Marker = "<!-- policy-validate-example";

    [Fact]
    public void Load_DocsBadExample_ListsTheFiveDocumentedErrorsAtOnce()
    {
        var (json, expected) = ReadExample();

        var errors = PolicyAssert.Invalid(PolicyLoader.Load(json));

        Assert.Equal(5, expected.Count);
        Assert.Equal(expected, errors.Select(e => e.ToString()));
    }

    private static (string Json, List<string> Errors) ReadExample()
    {
        var page = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "policy.md")).ReplaceLineEndings("\n");
        var at = page.IndexOf(Marker, StringComparison.Ordinal);
        Assert.True(at >= 0, "docs/policy.md lost its policy-validate-example marker.");
        var json = Block(page, "```json\n", ref at);
        var output = Block(page, "```text\n", ref at);
        return (json, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList());
    }

    private static string Block(string page, string fence, ref int from)
    {
        var start = page.IndexOf(fence, from, StringComparison.Ordinal) + fence.Length;
        var end = page.IndexOf("```", start, StringComparison.Ordinal);
        Assert.True(start >= fence.Length && end > start, $"docs/policy.md has no {fence.Trim()} block after the marker.");
        from = end + 3;
        return page[start..end];
    }
}
