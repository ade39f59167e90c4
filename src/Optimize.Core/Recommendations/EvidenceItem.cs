namespace Optimize.Recommendations;

/// <summary>One number an advisor used, with its unit: "cpu p95 = 23.4 %", "demand = 1.87 vCPU".</summary>
/// <param name="Name">What it is: <c>cpu.p95</c>, <c>coverage</c>, <c>demand.vcpu</c>, <c>projected.cpu.p95</c>.</param>
/// <param name="Value">The number.</param>
/// <param name="Unit">Its unit: <c>%</c>, <c>vCPU</c>, <c>GB</c>, <c>MB</c>, <c>instances</c>, <c>ratio</c>, <c>USD/month</c>.</param>
public sealed record EvidenceItem(string Name, double Value, string Unit)
{
    /// <inheritdoc />
    public override string ToString() => Unit switch
    {
        "%" => $"{Name} {Value:0.#}%",
        "ratio" => $"{Name} {Value:P0}",
        _ => $"{Name} {Value:0.##} {Unit}",
    };
}
