using Azure.Core;

namespace Optimize.Cli.Hosting;

/// <summary>What a run of the CLI talks to; every part defaults to the process's own (tests substitute them).</summary>
internal sealed record CliRunOptions
{
    /// <summary>Standard output; default <see cref="Console.Out"/>.</summary>
    public TextWriter? Stdout { get; init; }

    /// <summary>Standard error; default <see cref="Console.Error"/>.</summary>
    public TextWriter? Stderr { get; init; }

    /// <summary>Standard input (confirmations); default <see cref="Console.In"/>.</summary>
    public TextReader? Stdin { get; init; }

    /// <summary>True when standard input is a person at a terminal; default: not redirected.</summary>
    public bool? StdinIsTerminal { get; init; }

    /// <summary>The Azure credential; default <c>DefaultAzureCredential</c>.</summary>
    public TokenCredential? Credential { get; init; }

    /// <summary>Reads an environment variable; default <see cref="Environment.GetEnvironmentVariable(string)"/>.</summary>
    public Func<string, string?>? Environment { get; init; }

    /// <summary>The HTTP handler for calls to the Function App; default a new socket handler.</summary>
    public HttpMessageHandler? FunctionHttp { get; init; }

    /// <summary>Stops the command as Ctrl+C would (commands that run until stopped, such as <c>emulator</c>); default never.</summary>
    public CancellationToken Cancellation { get; init; }
}
