using System.Text.RegularExpressions;
using Azure.Core;
using Azure.Data.Tables;

namespace Optimize.Journal.Tables;

/// <summary>Settings of a <see cref="TableJournal"/> and of the client the factory builds. Validated by <see cref="Validate"/>.</summary>
public sealed partial class TableJournalOptions
{
    /// <summary>Prefix of the four table names (<c>{prefix}Passes</c>…): letters and digits, starting with a letter,
    /// at most 40 characters. Default <c>Optimize</c>; tests use a unique prefix each.</summary>
    public string TablePrefix { get; init; } = "Optimize";

    /// <summary>Retries of one request after the first attempt (exponential back-off). Default 5.</summary>
    public int MaxRetries { get; init; } = 5;

    /// <summary>First back-off delay. Default 0.5 s.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Largest back-off delay. Default 10 s.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Timeout of one network attempt. Default 30 s.</summary>
    public TimeSpan NetworkTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts of one event append when concurrent appenders race for the same sequence. Default 100.</summary>
    public int MaxAppendAttempts { get; init; } = 100;

    /// <summary>The table names.</summary>
    public string PassesTable => TablePrefix + "Passes";

    /// <summary>Decisions table.</summary>
    public string DecisionsTable => TablePrefix + "Decisions";

    /// <summary>Changes table (main rows and index rows).</summary>
    public string ChangesTable => TablePrefix + "Changes";

    /// <summary>Change events table.</summary>
    public string EventsTable => TablePrefix + "ChangeEvents";

    /// <summary>Throws if any setting is invalid, listing every violation.</summary>
    /// <exception cref="ArgumentException">One or more settings are invalid.</exception>
    public TableJournalOptions Validate()
    {
        var errors = new List<string>();
        if (TablePrefix is null || !PrefixPattern().IsMatch(TablePrefix))
        {
            errors.Add($"TablePrefix '{TablePrefix}' must be 1-40 letters or digits starting with a letter.");
        }

        if (MaxRetries is < 0 or > 20)
        {
            errors.Add($"MaxRetries {MaxRetries} must be within 0-20.");
        }

        if (RetryDelay <= TimeSpan.Zero || MaxRetryDelay < RetryDelay)
        {
            errors.Add($"RetryDelay {RetryDelay} must be positive and at most MaxRetryDelay {MaxRetryDelay}.");
        }

        if (NetworkTimeout <= TimeSpan.Zero)
        {
            errors.Add($"NetworkTimeout {NetworkTimeout} must be positive.");
        }

        if (MaxAppendAttempts < 1)
        {
            errors.Add($"MaxAppendAttempts {MaxAppendAttempts} must be at least 1.");
        }

        return errors.Count == 0 ? this : throw new ArgumentException("Invalid TableJournalOptions: " + string.Join(" ", errors), nameof(TablePrefix));
    }

    /// <summary>Client options carrying the retry settings.</summary>
    public TableClientOptions ToClientOptions()
    {
        Validate();
        var options = new TableClientOptions();
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = MaxRetries;
        options.Retry.Delay = RetryDelay;
        options.Retry.MaxDelay = MaxRetryDelay;
        options.Retry.NetworkTimeout = NetworkTimeout;
        return options;
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{0,39}$")]
    private static partial Regex PrefixPattern();
}
