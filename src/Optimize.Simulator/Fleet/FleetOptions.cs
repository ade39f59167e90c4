namespace Optimize.Simulator.Fleet;

/// <summary>How to generate a simulated fleet. Validated by <see cref="FleetGenerator.Generate"/>.</summary>
public sealed record FleetOptions
{
    /// <summary>Seed of every random choice: same seed, same fleet, same metrics.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Number of resources (1 to 10,000,000). The designed scenarios sit in the first 30.</summary>
    public int ResourceCount { get; init; } = 40;

    /// <summary>Regions resources are spread over (at least one).</summary>
    public IReadOnlyList<string> Regions { get; init; } = ["westeurope", "northeurope", "eastus2"];

    /// <summary>Optional gzip CSV trace (Azure Public Dataset V1 sample); when set, some over-provisioned VMs replay its columns.</summary>
    public string? TracePath { get; init; }

    /// <summary>Where workload trends are 1.</summary>
    public DateTimeOffset TrendOrigin { get; init; } = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Every violation of these options, empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (ResourceCount is < 1 or > 10_000_000)
        {
            errors.Add($"{nameof(ResourceCount)} must be between 1 and 10,000,000, was {ResourceCount}.");
        }

        if (Regions is null || Regions.Count == 0 || Regions.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add($"{nameof(Regions)} must hold at least one non-empty region name.");
        }

        if (TracePath is not null && !File.Exists(TracePath))
        {
            errors.Add($"{nameof(TracePath)} '{TracePath}' does not exist.");
        }

        return errors;
    }
}
