namespace Optimize.Simulator.Fleet;

/// <summary>Decides what resource sits at an index of a <see cref="SimulatedFleet"/>: a pure function of the index.</summary>
internal interface IResourceLayout
{
    /// <summary>The resource at <paramref name="index"/>, built afresh. Its name must end with <c>-&lt;index&gt;</c>.</summary>
    SimulatedResource Build(int index);
}
