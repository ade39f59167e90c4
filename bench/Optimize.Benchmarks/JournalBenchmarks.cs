using BenchmarkDotNet.Attributes;
using Optimize.Journal;
using Optimize.Journal.Tables;

namespace Optimize.Benchmarks;

/// <summary>
/// Decisions written to Azurite per second, one transaction per decision versus batched transactions of 100.
/// Needs env <c>OPTIMIZE_TEST_TABLES</c> (<c>eval "$(scripts/azurite.sh start)"</c>). Each reported time is per
/// decision (<see cref="OperationsPerInvokeAttribute"/>), so decisions/s = 1 s / Mean.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 8)]
public class JournalBenchmarks
{
    private const int Decisions = 200;
    private TableJournal? journal;
    private int round;

    /// <summary>Creates uniquely named tables on Azurite.</summary>
    [GlobalSetup]
    public async Task SetupAsync()
    {
        var connectionString = Environment.GetEnvironmentVariable("OPTIMIZE_TEST_TABLES");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            const string message = "JournalBenchmarks: OPTIMIZE_TEST_TABLES is not set; start Azurite with `eval \"$(scripts/azurite.sh start)\"` and run again. No results.";
            Console.WriteLine(message);
            throw new InvalidOperationException(message);
        }

        journal = TableJournalFactory.FromConnectionString(connectionString, new TableJournalOptions { TablePrefix = "bench" + Guid.NewGuid().ToString("N")[..10] });
        await journal.CreateTablesIfNotExistsAsync();
    }

    /// <summary>Deletes the tables.</summary>
    [GlobalCleanup]
    public Task CleanupAsync() => journal?.DeleteTablesAsync() ?? Task.CompletedTask;

    /// <summary>One request per decision.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Decisions)]
    public async Task OneByOne()
    {
        foreach (var decision in NextPass())
        {
            await journal!.RecordDecisionsAsync([decision]);
        }
    }

    /// <summary>Transactions of up to 100 decisions.</summary>
    [Benchmark(OperationsPerInvoke = Decisions)]
    public Task Batched() => journal!.RecordDecisionsAsync(NextPass());

    private List<DecisionRecord> NextPass() =>
        SimulatedDecisions.Pass($"pass-bench-{Interlocked.Increment(ref round)}", Decisions);
}
