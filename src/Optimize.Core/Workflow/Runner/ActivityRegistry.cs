using Optimize.Guards;
using Optimize.Workflow.Activities;

namespace Optimize.Workflow.Runner;

/// <summary>The activities the runner can call, by name. Inputs and outputs are typed so the runner can round-trip them
/// through JSON exactly as Durable Functions does.</summary>
public sealed class ActivityRegistry
{
    private readonly Dictionary<string, Registration> _activities = new(StringComparer.Ordinal);

    /// <summary>Registered names.</summary>
    public IReadOnlyCollection<string> Names => _activities.Keys;

    /// <summary>Registers an activity.</summary>
    /// <exception cref="ArgumentException">The name is empty or already registered.</exception>
    public ActivityRegistry Add<TInput, TOutput>(string name, Func<TInput, CancellationToken, Task<TOutput>> activity)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(activity);
        if (!_activities.TryAdd(name, new Registration(typeof(TInput), typeof(TOutput), async (input, ct) => await activity((TInput)input!, ct).ConfigureAwait(false))))
        {
            throw new ArgumentException($"Activity '{name}' is already registered.", nameof(name));
        }

        return this;
    }

    /// <summary>Registers every activity of <paramref name="activities"/> under its <see cref="ActivityNames"/> name.</summary>
    public ActivityRegistry AddChangeActivities(ChangeActivities activities)
    {
        ArgumentNullException.ThrowIfNull(activities);
        return Add<Model.ResourceRef, Ports.ConfigurationRead>(ActivityNames.CaptureConfiguration, activities.CaptureConfigurationAsync)
            .Add<ApplyInput, Changes.ApplyResult>(ActivityNames.ApplyConfiguration, activities.ApplyConfigurationAsync)
            .Add<BaselineInput, GuardBaseline>(ActivityNames.MeasureBaseline, activities.MeasureBaselineAsync)
            .Add<AssessInput, StageVerdict>(ActivityNames.AssessGuards, activities.AssessGuardsAsync)
            .Add<JournalStepInput, Changes.ChangeEvent>(ActivityNames.RecordStep, activities.RecordStepAsync)
            .Add<RevertLookupInput, RevertCandidate>(ActivityNames.FindRevertCandidate, activities.FindRevertCandidateAsync);
    }

    internal bool TryGet(string name, out Registration registration) => _activities.TryGetValue(name, out registration!);

    /// <summary>One activity: its input and output types and the untyped call.</summary>
    internal sealed record Registration(Type InputType, Type OutputType, Func<object?, CancellationToken, Task<object?>> Invoke);
}
