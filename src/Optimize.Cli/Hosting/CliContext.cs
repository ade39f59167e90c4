using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Logging;
using Optimize.Cli.Output;

namespace Optimize.Cli.Hosting;

/// <summary>What every command shares: consoles, journal connector, logging, the Azure credential.</summary>
internal sealed class CliContext
{
    private readonly CliRunOptions options;

    public CliContext(Consoles consoles, ILoggerFactory loggers, CliRunOptions? options = null)
    {
        this.options = options ?? new CliRunOptions();
        Consoles = consoles;
        Loggers = loggers;
        Journals = new JournalConnector(this);
    }

    public Consoles Consoles { get; }

    public ILoggerFactory Loggers { get; }

    public JournalConnector Journals { get; }

    /// <summary>What the command is reaching in Azure now, so a sign-in or permission failure can name the role and scope.</summary>
    public AccessTarget? Target { get; set; }

    /// <summary>Standard input, for confirmations.</summary>
    public TextReader Stdin => options.Stdin ?? Console.In;

    /// <summary>True when a person can answer a confirmation.</summary>
    public bool StdinIsTerminal => options.StdinIsTerminal ?? !Console.IsInputRedirected;

    /// <summary>An environment variable (tests substitute the environment).</summary>
    public string? Env(string name) => options.Environment is { } env ? env(name) : System.Environment.GetEnvironmentVariable(name);

    /// <summary>The HTTP handler for the Function App (null: a default one).</summary>
    public HttpMessageHandler? FunctionHttp => options.FunctionHttp;

    /// <summary>The credential for Azure calls: the one given, else <c>DefaultAzureCredential</c>.</summary>
    public TokenCredential Credential() => options.Credential ?? new DefaultAzureCredential();
}
