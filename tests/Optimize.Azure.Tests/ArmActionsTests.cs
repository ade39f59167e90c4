using System.Reflection;
using Optimize.Testing;

namespace Optimize.Azure.Tests;

public sealed class ArmActionsTests
{
    public static TheoryData<string> Constants()
    {
        var data = new TheoryData<string>();
        foreach (var field in typeof(ArmActions).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral))
        {
            data.Add(field.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Constants))]
    public void Constant_Always_ReferencedByAtLeastOneClient(string name)
    {
        var sources = Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "src", "Optimize.Azure"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && Path.GetFileName(f) != "ArmActions.cs");

        Assert.Contains(sources, f => File.ReadAllText(f).Contains($"ArmActions.{name}", StringComparison.Ordinal));
    }

    [Fact]
    public void OperatorRole_Always_SortedDistinctAndExcludesMonitoringReaderActions()
    {
        Assert.Equal(ArmActions.OperatorRole.Order(StringComparer.Ordinal), ArmActions.OperatorRole);
        Assert.Equal(ArmActions.OperatorRole.Count, ArmActions.OperatorRole.Distinct().Count());
        Assert.DoesNotContain(ArmActions.MetricsRead, ArmActions.OperatorRole);
    }
}
