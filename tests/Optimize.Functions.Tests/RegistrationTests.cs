using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Optimize.Functions.Durable;
using Optimize.Workflow;
using Optimize.Workflow.Activities;

namespace Optimize.Functions.Tests;

/// <summary>Every workflow the engine starts and every activity it calls has a Function of that name in the app: a
/// missing one fails only at run time on Azure (the recovery sweep started StagedChangeResume, which had none).</summary>
public sealed class RegistrationTests
{
    [Fact]
    public void Orchestrators_CoverEveryWorkflowTheEngineStarts()
    {
        Assert.Equal(
            new[] { WorkflowNames.AlertRemediation, WorkflowNames.StagedChange, StagedChangeWorkflow.ResumeName }.Order(),
            FunctionNames(typeof(Orchestrators)).Order());
    }

    [Fact]
    public void Activities_CoverEveryActivityName()
    {
        var names = typeof(ActivityNames).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!);

        Assert.Equal(names.Order(), FunctionNames(typeof(Activities)).Order());
    }

    private static IEnumerable<string> FunctionNames(Type type) =>
        type.GetMethods().Select(m => m.GetCustomAttribute<FunctionAttribute>()?.Name).OfType<string>();
}
