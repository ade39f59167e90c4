using Optimize.Changes;
using Optimize.Journal;
using Optimize.Metrics;
using Optimize.Model;
using Optimize.Ports;
using Optimize.Tests.Workflow.Fakes;

namespace Optimize.Functions.Tests;

/// <summary>
/// The activities' ports with faults a test can switch on: configuration reads or applies that throw (an unexpected
/// failure, which Durable retries), and a journal that refuses updates (an outage). Everything else goes to the
/// in-memory journal and the fake configuration; latency answers the worker count in effect at each point.
/// </summary>
internal sealed class FaultyPorts : IConfigurationClient, IChangeJournal, IJournalReader
{
    private readonly Lock _gate = new();
    private int _readThrows;

    public FaultyPorts()
    {
        Config = new FakeConfigurationClient(TimeProvider.System);
        Config.Set(DurableLoop.ResourceId, DurableLoop.Baseline);
        Metrics = new FakeMetricsReader
        {
            Scripts = { [MetricNames.LatencyMs] = t => Config.At(DurableLoop.ResourceId, t) is AppServicePlanConfig { Workers: <= 2 } ? 500 : 100 },
        };
    }

    public InMemoryJournal Memory { get; } = new();

    public FakeConfigurationClient Config { get; }

    public FakeMetricsReader Metrics { get; }

    /// <summary>The next this-many configuration reads throw.</summary>
    public int ReadThrows
    {
        get { lock (_gate) { return _readThrows; } }
        set { lock (_gate) { _readThrows = value; } }
    }

    /// <summary>Applies of a target for which this returns true throw.</summary>
    public Func<ResourceConfig, bool>? ApplyThrows { get; set; }

    /// <summary>Journal updates to a state for which this returns true throw <see cref="JournalUnavailableException"/>.</summary>
    public Func<ChangeState, bool>? UpdateRefused { get; set; }

    public Task<ConfigurationRead> ReadAsync(ResourceRef resource, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_readThrows > 0)
            {
                _readThrows--;
                throw new HttpRequestException("connection reset (injected)");
            }
        }

        return Config.ReadAsync(resource, cancellationToken);
    }

    public Task<ApplyResult> ApplyAsync(ResourceRef resource, ResourceConfig target, bool allowDeallocation, CancellationToken cancellationToken = default) =>
        ApplyThrows?.Invoke(target) == true
            ? throw new InvalidOperationException($"apply of {target.Describe()} failed (injected)")
            : Config.ApplyAsync(resource, target, allowDeallocation, cancellationToken);

    public Task<ChangeRecord> CreateAsync(ChangeRecord change, CancellationToken cancellationToken = default) => Memory.CreateAsync(change, cancellationToken);

    public Task<ChangeRecord> UpdateAsync(ChangeRecord change, CancellationToken cancellationToken = default) =>
        UpdateRefused?.Invoke(change.State) == true
            ? throw new JournalUnavailableException($"journal unavailable (injected) moving {change.ChangeId} to {change.State}")
            : Memory.UpdateAsync(change, cancellationToken);

    public Task<ChangeEvent> AppendAsync(ChangeEvent changeEvent, CancellationToken cancellationToken = default) => Memory.AppendAsync(changeEvent, cancellationToken);

    public Task<ChangeRecord?> GetAsync(string changeId, CancellationToken cancellationToken = default) => Memory.GetAsync(changeId, cancellationToken);

    public IAsyncEnumerable<ChangeRecord> ListActiveAsync(CancellationToken cancellationToken = default) => Memory.ListActiveAsync(cancellationToken);

    public Task<ChangeRecord?> GetLatestForResourceAsync(string resourceId, CancellationToken cancellationToken = default) =>
        Memory.GetLatestForResourceAsync(resourceId, cancellationToken);

    public IAsyncEnumerable<PassRecord> ListPassesAsync(HistoryQuery query, CancellationToken cancellationToken = default) => Memory.ListPassesAsync(query, cancellationToken);

    public IAsyncEnumerable<DecisionRecord> ListDecisionsAsync(HistoryQuery query, CancellationToken cancellationToken = default) => Memory.ListDecisionsAsync(query, cancellationToken);

    public IAsyncEnumerable<ChangeRecord> ListChangesAsync(HistoryQuery query, CancellationToken cancellationToken = default) => Memory.ListChangesAsync(query, cancellationToken);

    public IAsyncEnumerable<ChangeEvent> ListEventsAsync(string changeId, CancellationToken cancellationToken = default) => Memory.ListEventsAsync(changeId, cancellationToken);
}
