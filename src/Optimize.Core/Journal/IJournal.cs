namespace Optimize.Journal;

/// <summary>The whole journal: what hosts wire up once and hand out as its four small ports.</summary>
public interface IJournal : IPassJournal, IChangeJournal, IJournalReader, IJournalRetention
{
    /// <summary>Where it lives, for messages: "Azure Table Storage (https://…)", "Azurite at 127.0.0.1:10102", "in memory".</summary>
    string Description { get; }
}
