namespace Optimize.Simulator.Tests.Fleet;

/// <summary>Facts of the generated layout that tests rely on.</summary>
internal static class LayoutFacts
{
    /// <summary>The size the catalog does not know.</summary>
    public const string UnknownSize = "Standard_X99_v9";
}
