namespace Optimize.Infra.Tests.Deployment;

/// <summary>azure.yaml has what azd needs to provision infra/ and deploy the Function App (a line-based check).</summary>
public sealed class AzureYamlTests
{
    private static string[] Lines => File.ReadAllLines(Path.Combine(RepoPaths.Root, "azure.yaml"));

    private static string? ValueOf(string key, int indent) => Lines
        .Where(l => l.Length - l.TrimStart().Length == indent)
        .Select(l => l.Trim())
        .Where(l => l.StartsWith(key + ":", StringComparison.Ordinal))
        .Select(l => l[(key.Length + 1)..].Trim())
        .SingleOrDefault();

    [Fact]
    public void AzureYaml_Always_NamesProjectAndServices()
    {
        Assert.Equal("optimize", ValueOf("name", 0));
        Assert.Equal(string.Empty, ValueOf("services", 0));
        Assert.Equal(string.Empty, ValueOf("optimize", 2));
    }

    [Theory]
    [InlineData("host", "function")]
    [InlineData("language", "dotnet")]
    [InlineData("project", "./src/Optimize.Functions")]
    public void AzureYaml_OptimizeService_HasField(string key, string expected)
    {
        Assert.Equal(expected, ValueOf(key, 4));
    }

    [Fact]
    public void AzureYaml_Infra_PointsAtMainBicep()
    {
        Assert.Equal("bicep", ValueOf("provider", 2));
        Assert.Equal("infra", ValueOf("path", 2));
        Assert.Equal("main", ValueOf("module", 2));
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, "infra", "main.bicep")));
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, "infra", "main.parameters.json")));
    }

    [Fact]
    public void AzureYaml_ServiceProject_Exists()
    {
        var project = Path.Combine(RepoPaths.Root, "src", "Optimize.Functions");
        if (!Directory.Exists(project))
        {
            Assert.Skip("src/Optimize.Functions is written by the lead and is not in this branch yet; azure.yaml already points at it.");
        }

        Assert.NotEmpty(Directory.GetFiles(project, "*.csproj"));
    }
}
