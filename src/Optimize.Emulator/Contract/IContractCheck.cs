using System.Text.Json.Nodes;

namespace Optimize.Emulator.Contract;

/// <summary>Checks request and response bodies against the published REST spec of an operation.</summary>
public interface IContractCheck
{
    /// <summary>Where the specs were read from (shown in the emulator's start line).</summary>
    string Source { get; }

    /// <summary>True when the pack holds a schema for <paramref name="operationId"/>.</summary>
    bool Knows(string operationId);

    /// <summary>Violations of <paramref name="body"/> as the request body of <paramref name="operationId"/>; empty when valid.</summary>
    IReadOnlyList<ContractViolation> CheckRequest(string operationId, JsonNode? body);

    /// <summary>Violations of <paramref name="body"/> as the <paramref name="status"/> response of <paramref name="operationId"/>.</summary>
    IReadOnlyList<ContractViolation> CheckResponse(string operationId, int status, JsonNode? body);
}
