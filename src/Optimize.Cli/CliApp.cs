using System.CommandLine;
using Microsoft.Extensions.Logging;
using Optimize.Cli.Commands;
using Optimize.Cli.Hosting;
using Optimize.Cli.Output;

namespace Optimize.Cli;

/// <summary>The <c>optimize</c> command line.</summary>
internal static class CliApp
{
    public static async Task<int> RunAsync(string[] args, TextWriter? stdout = null, TextWriter? stderr = null)
    {
        using var loggers = LoggerFactory.Create(b => b
            .AddSimpleConsole(o => o.SingleLine = true)
            .SetMinimumLevel(Environment.GetEnvironmentVariable("OPTIMIZE_LOG_LEVEL") is { Length: > 0 } level && Enum.TryParse<LogLevel>(level, true, out var l) ? l : LogLevel.Warning)
            .AddFilter("Azure", LogLevel.Error));
        var cli = new CliContext(new Consoles(stdout, stderr), loggers);
        var root = BuildRoot(cli);
        var config = new InvocationConfiguration { Output = stdout ?? Console.Out, Error = stderr ?? Console.Error };
        return await root.Parse(args).InvokeAsync(config);
    }

    public static RootCommand BuildRoot(CliContext cli)
    {
        var root = new RootCommand(
            "Optimize: a closed-loop optimizer for Azure compute. Senses metrics, recommends right-sizing with evidence, and applies " +
            "changes in guarded stages that roll back on their own. Start with 'optimize demo'.")
        {
            DemoCommand.Create(cli),
            PlanCommand.Create(cli),
            BacktestCommand.Create(cli),
            HistoryCommand.Create(cli),
            PolicyCommand.Create(cli),
            AlertCommand.Create(cli),
            JournalCommand.Create(cli),
        };
        return root;
    }
}
