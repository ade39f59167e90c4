using Azure.Core;
using Azure.Data.Tables;

namespace Optimize.Journal.Tables;

/// <summary>Builds a <see cref="TableJournal"/> from a connection string (Azurite, keys) or an endpoint and a credential.</summary>
public static class TableJournalFactory
{
    /// <summary>The Azurite well-known account, as <c>UseDevelopmentStorage=true</c> means (tables on 127.0.0.1:10002).</summary>
    public const string DevelopmentStorage = "UseDevelopmentStorage=true";

    /// <summary>
    /// A journal over the account of <paramref name="connectionString"/>: <c>UseDevelopmentStorage=true</c>, a full
    /// Azurite string (<c>DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=…;TableEndpoint=http://127.0.0.1:10102/devstoreaccount1;</c>)
    /// or a storage account's. Tables are not created: call <see cref="TableJournal.CreateTablesIfNotExistsAsync"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The connection string is empty or malformed, or the options are invalid.</exception>
    public static TableJournal FromConnectionString(string connectionString, TableJournalOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        options ??= new TableJournalOptions();
        TableServiceClient service;
        try
        {
            service = new TableServiceClient(connectionString, options.ToClientOptions());
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException or UriFormatException)
        {
            throw new ArgumentException($"Not a valid storage connection string: {ex.Message}", nameof(connectionString), ex);
        }

        return new TableJournal(service, options, timeProvider);
    }

    /// <summary>
    /// A journal over <paramref name="tableEndpoint"/> (<c>https://{account}.table.core.windows.net</c>) with Entra ID
    /// (for example <c>DefaultAzureCredential</c>: managed identity in Azure); no shared keys. The identity needs
    /// the <c>Storage Table Data Contributor</c> role.
    /// </summary>
    /// <exception cref="ArgumentException">The endpoint is not absolute, or the options are invalid.</exception>
    public static TableJournal FromEndpoint(Uri tableEndpoint, TokenCredential credential, TableJournalOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(tableEndpoint);
        ArgumentNullException.ThrowIfNull(credential);
        if (!tableEndpoint.IsAbsoluteUri)
        {
            throw new ArgumentException($"'{tableEndpoint}' is not an absolute table endpoint.", nameof(tableEndpoint));
        }

        options ??= new TableJournalOptions();
        return new TableJournal(new TableServiceClient(tableEndpoint, credential, options.ToClientOptions()), options, timeProvider);
    }
}
