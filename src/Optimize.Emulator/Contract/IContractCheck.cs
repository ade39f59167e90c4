using System.Text.Json.Nodes;

namespace Optimize.Emulator.Contract;

/// <summary>Checks request and response bodies against the published REST spec of an operation.</summary>
public interface IContractCheck
{
    /// <summary>Where the specs were read from (shown in the emulator's start line).</summary>
    string Source { get; }

    /// <summary>Bodies held to the spec so far (requests and responses), by operationId: what a run's "zero violations" covers.</summary>
    IReadOnlyDictionary<string, int> Checked { get; }

    /// <summary>True when the pack holds a schema for <paramref name="operationId"/>.</summary>
    bool Knows(string operationId);

    /// <summary>
    /// The operationId whose path template and method match <paramref name="path"/> and <paramref name="method"/> at
    /// <paramref name="apiVersion"/> (a spec of another api-version does not apply), or null when the pack has none.
    /// </summary>
    string? OperationOf(string method, string path, string? apiVersion);

    /// <summary>Violations of <paramref name="body"/> as the request body of <paramref name="operationId"/>; empty when valid.</summary>
    IReadOnlyList<ContractViolation> CheckRequest(string operationId, JsonNode? body);

    /// <summary>Violations of <paramref name="body"/> as the <paramref name="status"/> response of <paramref name="operationId"/>.</summary>
    IReadOnlyList<ContractViolation> CheckResponse(string operationId, int status, JsonNode? body);
}
