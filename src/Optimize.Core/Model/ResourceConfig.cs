using System.Text.Json.Serialization;

namespace Optimize.Model;

/// <summary>
/// The changeable configuration of a resource: what Optimize captures before a change, applies in a stage
/// and restores on rollback. One sealed record per <see cref="ResourceKind"/>; serialized with a <c>type</c>
/// discriminator so it survives durable boundaries and the journal.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(FunctionAppConfig), "functionApp")]
[JsonDerivedType(typeof(AppServicePlanConfig), "appServicePlan")]
[JsonDerivedType(typeof(VmConfig), "virtualMachine")]
[JsonDerivedType(typeof(ScaleSetConfig), "scaleSet")]
[JsonDerivedType(typeof(AutoscaleConfig), "autoscaleSetting")]
public abstract record ResourceConfig
{
    /// <summary>The kind of resource this configuration belongs to.</summary>
    [JsonIgnore]
    public abstract ResourceKind Kind { get; }

    /// <summary>A short human description, for reports: "P1v3 x 3", "2048 MB, max 40".</summary>
    public abstract string Describe();
}

/// <summary>Flex Consumption scale settings (<c>functionAppConfig.scaleAndConcurrency</c>).</summary>
/// <param name="InstanceMemoryMb">Instance memory: 512, 2048 or 4096 MB.</param>
/// <param name="MaximumInstanceCount">Upper bound on instances (40 to 1000).</param>
public sealed record FunctionAppConfig(int InstanceMemoryMb, int MaximumInstanceCount) : ResourceConfig
{
    /// <inheritdoc />
    public override ResourceKind Kind => ResourceKind.FunctionApp;

    /// <inheritdoc />
    public override string Describe() => $"{InstanceMemoryMb} MB, max {MaximumInstanceCount} instances";
}

/// <summary>App Service plan SKU and worker count.</summary>
/// <param name="Sku">SKU name, for example <c>P1v3</c>.</param>
/// <param name="Workers">Number of workers (<c>sku.capacity</c>).</param>
public sealed record AppServicePlanConfig(string Sku, int Workers) : ResourceConfig
{
    /// <inheritdoc />
    public override ResourceKind Kind => ResourceKind.AppServicePlan;

    /// <inheritdoc />
    public override string Describe() => $"{Sku} x {Workers}";
}

/// <summary>A virtual machine's size.</summary>
/// <param name="Size">Size name, for example <c>Standard_D4s_v5</c>.</param>
public sealed record VmConfig(string Size) : ResourceConfig
{
    /// <inheritdoc />
    public override ResourceKind Kind => ResourceKind.VirtualMachine;

    /// <inheritdoc />
    public override string Describe() => Size;
}

/// <summary>A scale set's SKU and instance count.</summary>
/// <param name="Sku">VM size of the instances.</param>
/// <param name="Capacity">Number of instances.</param>
public sealed record ScaleSetConfig(string Sku, int Capacity) : ResourceConfig
{
    /// <inheritdoc />
    public override ResourceKind Kind => ResourceKind.ScaleSet;

    /// <inheritdoc />
    public override string Describe() => $"{Sku} x {Capacity}";
}

/// <summary>
/// The parts of an autoscale setting Optimize tunes: the default profile's capacity bounds and the CPU thresholds of
/// its scale-out and scale-in rules.
/// </summary>
/// <param name="TargetResourceId">The resource the setting scales (a plan or scale set); never changed.</param>
/// <param name="Minimum">Minimum instance count.</param>
/// <param name="Maximum">Maximum instance count.</param>
/// <param name="Default">Default instance count.</param>
/// <param name="ScaleOutCpuPercent">Average CPU above which the rule adds an instance.</param>
/// <param name="ScaleInCpuPercent">Average CPU below which the rule removes an instance.</param>
public sealed record AutoscaleConfig(
    string TargetResourceId,
    int Minimum,
    int Maximum,
    int Default,
    double ScaleOutCpuPercent,
    double ScaleInCpuPercent) : ResourceConfig
{
    /// <inheritdoc />
    public override ResourceKind Kind => ResourceKind.AutoscaleSetting;

    /// <inheritdoc />
    public override string Describe() =>
        $"min {Minimum}, max {Maximum}, default {Default}, out > {ScaleOutCpuPercent:0.#}%, in < {ScaleInCpuPercent:0.#}%";
}
