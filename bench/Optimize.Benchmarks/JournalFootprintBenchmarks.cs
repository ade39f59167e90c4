using BenchmarkDotNet.Attributes;
using Optimize.Journal;
using Optimize.Journal.Tables;
using Optimize.Journal.Tables.Entities;

namespace Optimize.Benchmarks;

/// <summary>
/// Storage footprint of one pass over 10,000 simulated decisions (entities, bytes by the Table Storage size formula,
/// transactions), printed at setup; the benchmark times serializing and batching them (no I/O).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 8)]
public class JournalFootprintBenchmarks
{
    private const int Decisions = 10_000;
    private List<DecisionRecord> decisions = [];

    /// <summary>Builds the pass and prints its footprint.</summary>
    [GlobalSetup]
    public void Setup()
    {
        decisions = SimulatedDecisions.Pass("pass-20261120T020000Z-0001", Decisions);
        var batches = TableJournal.PlanDecisionBatches(decisions);
        var entities = batches.Sum(b => b.Count) + 1; // + the pass row
        var bytes = batches.SelectMany(b => b).Sum(EntitySize.Of);
        Console.WriteLine(
            $"Footprint of one pass over {Decisions:N0} decisions: {entities:N0} entities (1 pass row + {Decisions:N0} decisions), " +
            $"{bytes:N0} bytes of decisions ({bytes / 1024.0 / 1024.0:0.00} MiB, {bytes / (double)Decisions:0} bytes/decision), {batches.Count} transactions.");
    }

    /// <summary>Serializes 10,000 decisions and groups them into transactions.</summary>
    [Benchmark]
    public int SerializeAndBatch10000() => TableJournal.PlanDecisionBatches(decisions).Count;
}
