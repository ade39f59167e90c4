using Optimize.Advisors.Estimation;
using Optimize.Catalog;
using Optimize.Model;

namespace Optimize.Core.Tests.Advisors.Estimation;

public sealed class StepPlannerTests
{
    [Theory]
    [InlineData(10, 3, 50, new[] { 5, 3 })]
    [InlineData(10, 6, 50, new[] { 6 })]
    [InlineData(8, 1, 50, new[] { 4, 2, 1 })]
    [InlineData(10, 2, 25, new[] { 8, 6, 5, 4, 3, 2 })] // ⌈10 × 0.75⌉ = 8, ⌈6⌉ = 6, ⌈4.5⌉ = 5, ⌈3.75⌉ = 4, 3, ⌈2.25⌉ = 3 → progress forces 2
    [InlineData(4, 6, 50, new[] { 6 })]
    [InlineData(4, 4, 50, new int[0])]
    public void CountSteps_Table_EachStageWithinLimit(int current, int target, double percent, int[] expected) =>
        Assert.Equal(expected, StepPlanner.CountSteps(current, target, percent));

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public void CountSteps_PercentOutOfRange_Throws(double percent) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => StepPlanner.CountSteps(4, 2, percent));

    [Fact]
    public void SizeSteps_SixteenToTwo_HalvesEachStage()
    {
        var ladder = BuiltInCatalog.Default.Candidates(ResourceKind.VirtualMachine, "eastus").Where(s => s.Family == "Dsv5").ToList();
        SkuSpec Find(string n) => BuiltInCatalog.Default.Find(ResourceKind.VirtualMachine, n)!;

        var steps = StepPlanner.SizeSteps(ladder, Find("Standard_D16s_v5"), Find("Standard_D2s_v5"), 50);

        Assert.Equal(["Standard_D8s_v5", "Standard_D4s_v5", "Standard_D2s_v5"], steps.Select(s => s.Name));
    }

    [Fact]
    public void SizeSteps_GapInLadder_TakesNextSmaller()
    {
        var ladder = BuiltInCatalog.Default.Candidates(ResourceKind.FunctionApp, "eastus");
        SkuSpec Find(string n) => BuiltInCatalog.Default.Find(ResourceKind.FunctionApp, n)!;

        // 2 vCPU → floor 1: FC-2048 (1 vCPU); then floor 0.5 and nothing between → FC-512.
        var steps = StepPlanner.SizeSteps(ladder, Find("FC-4096"), Find("FC-512"), 50);

        Assert.Equal(["FC-2048", "FC-512"], steps.Select(s => s.Name));
    }
}
