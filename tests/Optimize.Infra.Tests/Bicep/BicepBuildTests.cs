namespace Optimize.Infra.Tests.Bicep;

/// <summary><c>bicep build</c> and <c>bicep lint</c> of infra/main.bicep, offline, with the packaged CLI.</summary>
public sealed class BicepBuildTests(ITestOutputHelper output)
{
    [Fact]
    public void Build_MainTemplate_SucceedsWithoutErrors()
    {
        var run = CompiledTemplate.Run;
        Report(run);

        Assert.True(run.ExitCode == 0, "bicep build exited " + run.ExitCode + ":\n" + run.StdErr);
        Assert.DoesNotContain(run.Diagnostics, d => d.IsError);
        Assert.Equal("https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#", (string?)CompiledTemplate.Template["$schema"]);
    }

    [Fact]
    public void Build_MainTemplate_HasNoWarningsExceptDateDependentOnes()
    {
        // Missing type information (BCP081), unsafe lengths (BCP334) and the like point at a real defect; only the
        // api-version age rule changes verdict with the calendar, so it is reported but tolerated.
        var unexpected = CompiledTemplate.Run.Diagnostics
            .Where(d => !d.IsError && !BicepDiagnostic.DateDependentCodes.Contains(d.Code))
            .Select(d => d.Line);

        Assert.Empty(unexpected);
    }

    [Fact]
    public void Lint_MainTemplate_ReportsNoErrors()
    {
        var run = BicepCli.Invoke("lint", "infra/main.bicep");
        Report(run);

        Assert.True(run.ExitCode == 0, "bicep lint exited " + run.ExitCode + ":\n" + run.StdErr);
        Assert.Empty(run.Diagnostics.Where(d => d.IsError).Select(d => d.Line));
        Assert.Empty(run.Diagnostics.Where(d => !BicepDiagnostic.DateDependentCodes.Contains(d.Code)).Select(d => d.Line));
    }

    [Fact]
    public void Lint_TemplateWithUnusedParameter_FailsWithError()
    {
        // The lint test above is only meaningful if this configuration turns findings into errors.
        var dir = Directory.CreateTempSubdirectory("optimize-lint-");
        try
        {
            File.Copy(Path.Combine(RepoPaths.Root, "infra", "bicepconfig.json"), Path.Combine(dir.FullName, "bicepconfig.json"));
            var file = Path.Combine(dir.FullName, "bad.bicep");
            File.WriteAllText(file, "param unused string\n");

            var run = BicepCli.Invoke("lint", file);

            Assert.NotEqual(0, run.ExitCode);
            Assert.Contains(run.Diagnostics, d => d.IsError && d.Code == "no-unused-params");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private void Report(BicepCli.Run run)
    {
        foreach (var diagnostic in run.Diagnostics)
        {
            output.WriteLine(diagnostic.Line);
        }
    }
}
