using Optimize.Workflow.Hosting;
using Optimize.Workflow;

namespace Optimize.Azure.Alerts;

/// <summary>The outcome of parsing an alert webhook payload: signals and the schema, or a clear error.</summary>
public sealed record ParseResult
{
    private ParseResult(IReadOnlyList<AlertSignal> signals, string schema, string? error)
    {
        Signals = signals;
        Schema = schema;
        Error = error;
    }

    /// <summary>One signal per target resource; empty on failure.</summary>
    public IReadOnlyList<AlertSignal> Signals { get; }

    /// <summary>The recognized schema (<see cref="AlertPayloadParser.CommonSchema"/>, <see cref="AlertPayloadParser.MetricAlertSchema"/>), or empty.</summary>
    public string Schema { get; }

    /// <summary>Why the payload was rejected; null on success.</summary>
    public string? Error { get; }

    /// <summary>True when the payload parsed.</summary>
    public bool Succeeded => Error is null;

    /// <summary>A success.</summary>
    public static ParseResult Ok(string schema, IReadOnlyList<AlertSignal> signals) => new(signals, schema, null);

    /// <summary>A rejection.</summary>
    public static ParseResult Fail(string error, string schema = "") => new([], schema, error);
}
