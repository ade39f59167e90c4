using System.CommandLine;
using System.CommandLine.Help;
using Microsoft.Extensions.Logging.Abstractions;
using Optimize.Cli.Hosting;
using Optimize.Cli.Output;

namespace Optimize.Cli.Tests.Commands;

/// <summary>Every parser error exits 2 on standard error, in words, never with a .NET type name; help only on --help.</summary>
public sealed class UsageErrorTests
{
    /// <summary>Every typed option of every command, with a value it cannot parse.</summary>
    public static TheoryData<string[]> WrongTypes()
    {
        var data = new TheoryData<string[]>();
        var root = CliApp.BuildRoot(new CliContext(new Consoles(TextWriter.Null, TextWriter.Null), NullLoggerFactory.Instance));
        foreach (var (path, command) in Walk(root, []))
        {
            foreach (var option in command.Options.Where(o => o.ValueType != typeof(string) && o.ValueType != typeof(FileInfo) && o.ValueType != typeof(bool) && !o.Hidden && o is not HelpOption and not VersionOption))
            {
                data.Add([.. path, option.Name, "not-a-value"]);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(WrongTypes))]
    public async Task Parse_ValueOfTheWrongType_Exits2WithoutATypeName(string[] args)
    {
        var result = await CliRunner.RunAsync(args);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains($"{args[^2]}: 'not-a-value' is not ", result.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", result.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("`1", result.Err, StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public void WrongTypes_CoverTheTypedOptions()
    {
        // history --since (DateTimeOffset?) and --limit, demo --seed/--resources/--days, backtest --vms/--days/--seed at least.
        Assert.True(WrongTypes().Count >= 8, $"only {WrongTypes().Count} typed options found");
    }

    [Fact]
    public async Task History_SinceNotADate_SaysWhatADateLooksLike()
    {
        var result = await CliRunner.RunAsync("history", "--since", "xyz");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error: --since: 'xyz' is not a date and time (ISO 8601, e.g. 2026-11-01 or 2026-11-01T02:00Z).", result.Err, StringComparison.Ordinal);
        Assert.Contains("Run 'optimize history --help' for usage.", result.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("history", "--bogus")]
    [InlineData("journal", "purge", "--older-than", "1d", "--bogus")]
    [InlineData("nosuchcommand")]
    [InlineData("policy", "validate")]
    [InlineData("plan")]
    [InlineData("journal")]
    [InlineData]
    public async Task Parse_UnknownOptionOrMissingArgumentOrCommand_Exits2OnStandardErrorOnly(params string[] args)
    {
        var result = await CliRunner.RunAsync(args);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.StartsWith("error: ", result.Err, StringComparison.Ordinal);
        Assert.Contains("--help' for usage.", result.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("Usage:", result.Err, StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public async Task Help_WhenAsked_GoesToStandardOutputAndExits0()
    {
        var result = await CliRunner.RunAsync("history", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Usage:", result.Out, StringComparison.Ordinal);
        Assert.Equal("", result.Err);
    }

    [Theory]
    [InlineData("Cannot parse argument 'x' for option '--limit' as expected type 'System.Int32'.", "--limit: 'x' is not a whole number.")]
    [InlineData("Cannot parse argument 'x' for option '--since' as expected type 'System.Nullable`1[System.DateTimeOffset]'.", "--since: 'x' is not a date and time (ISO 8601, e.g. 2026-11-01 or 2026-11-01T02:00Z).")]
    [InlineData("Unrecognized command or argument '--bogus'.", "Unrecognized command or argument '--bogus'.")]
    [InlineData("Something about 'System.Collections.Generic.List`1[System.String]'.", "Something about a valid value.")]
    public void Humanize_ParserMessages_HaveNoClrTypeNames(string message, string expected)
    {
        Assert.Equal(expected, UsageErrors.Humanize(message));
    }

    private static IEnumerable<(string[] Path, Command Command)> Walk(Command command, string[] path)
    {
        yield return (path, command);
        foreach (var sub in command.Subcommands)
        {
            foreach (var x in Walk(sub, [.. path, sub.Name]))
            {
                yield return x;
            }
        }
    }
}
