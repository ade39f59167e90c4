using Microsoft.Extensions.Logging;
using Optimize.Cli.Output;

namespace Optimize.Cli.Hosting;

/// <summary>What every command shares: consoles, journal connector, logging.</summary>
internal sealed class CliContext
{
    public CliContext(Consoles consoles, ILoggerFactory loggers)
    {
        Consoles = consoles;
        Loggers = loggers;
        Journals = new JournalConnector(consoles, loggers);
    }

    public Consoles Consoles { get; }

    public ILoggerFactory Loggers { get; }

    public JournalConnector Journals { get; }
}
