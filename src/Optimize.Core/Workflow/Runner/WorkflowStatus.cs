using System.Text.Json;

namespace Optimize.Workflow.Runner;

/// <summary>A snapshot of one workflow instance. Output and custom status are held serialized (as Durable holds them).</summary>
/// <param name="InstanceId">The instance.</param>
/// <param name="Name">The workflow name.</param>
/// <param name="RuntimeStatus">Running, completed or failed.</param>
/// <param name="CreatedAt">When it started (runner time).</param>
/// <param name="LastUpdatedAt">When it last ran.</param>
/// <param name="SerializedOutput">Output JSON once completed.</param>
/// <param name="SerializedCustomStatus">The last custom status, as JSON.</param>
/// <param name="Failure">"Type: message" of the exception that failed it.</param>
public sealed record WorkflowStatus(
    string InstanceId,
    string Name,
    WorkflowRuntimeStatus RuntimeStatus,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt,
    string? SerializedOutput,
    string? SerializedCustomStatus,
    string? Failure)
{
    /// <summary>The output deserialized as <typeparamref name="T"/>, or default while not completed.</summary>
    public T? ReadOutput<T>() => SerializedOutput is null ? default : JsonSerializer.Deserialize<T>(SerializedOutput, WorkflowRunner.SerializerOptions);

    /// <summary>The custom status deserialized as <typeparamref name="T"/>, or default when none was set.</summary>
    public T? ReadCustomStatus<T>() =>
        SerializedCustomStatus is null ? default : JsonSerializer.Deserialize<T>(SerializedCustomStatus, WorkflowRunner.SerializerOptions);
}
