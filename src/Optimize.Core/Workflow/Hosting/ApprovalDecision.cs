namespace Optimize.Workflow.Hosting;

/// <summary>A human's answer at the approval gate.</summary>
/// <param name="Approved">True to go ahead.</param>
/// <param name="By">Who decided (for the journal).</param>
/// <param name="Comment">Why, optional.</param>
public sealed record ApprovalDecision(bool Approved, string By, string Comment = "");
