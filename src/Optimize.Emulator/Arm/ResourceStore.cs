using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Optimize.Model;
using Optimize.Simulator.Fleet;

namespace Optimize.Emulator.Arm;

/// <summary>
/// How the ARM document of one resource kind relates to the simulator's configuration: the document as generated, the
/// configuration in effect written into it, and the configuration a written document asks for.
/// </summary>
internal interface IDocumentShape
{
    /// <summary>The ARM document (as GET returns it) of <paramref name="resource"/> when first seen, holding <paramref name="config"/>.</summary>
    JsonObject Create(SimulatedResource resource, ResourceConfig config);

    /// <summary>Writes the configuration in effect into <paramref name="document"/> (size, SKU, capacity, profiles...).</summary>
    void Project(JsonObject document, SimulatedResource resource, ResourceConfig config);
}

/// <summary>
/// The ARM documents of resources that were read or written: everything ARM stores that the simulator does not model
/// (tags, flags, notifications, ETags...). The modelled configuration always comes from the fleet's timeline at the
/// emulator's now, projected into the stored document on every read. Thread-safe; one lock per resource.
/// </summary>
internal sealed class ResourceStore(EmulatorWorld world)
{
    private readonly ConcurrentDictionary<ResourceKind, IDocumentShape> _shapes = new();
    private readonly ConcurrentDictionary<int, Entry> _documents = new();

    /// <summary>Registers the shape of <paramref name="kind"/> (each kind's endpoints register theirs when mapped).</summary>
    public void Register(ResourceKind kind, IDocumentShape shape) => _shapes[kind] = shape;

    /// <summary>Resources whose document is held (read or written at least once).</summary>
    public int Count => _documents.Count;

    /// <summary>A copy of the current document of <paramref name="resource"/>, with the configuration in effect now, and its ETag.</summary>
    public (JsonObject Document, string ETag) Read(SimulatedResource resource)
    {
        var entry = EntryOf(resource);
        lock (entry)
        {
            Shape(resource).Project(entry.Document, resource, world.Fleet.ConfigAt(resource, world.Time.GetUtcNow()));
            return ((JsonObject)entry.Document.DeepClone(), entry.ETag);
        }
    }

    /// <summary>
    /// Runs <paramref name="write"/> on the stored document under the resource's lock; when it returns true the document
    /// is kept and gets a new ETag. The callback records any configuration change in the fleet itself.
    /// </summary>
    public T Write<T>(SimulatedResource resource, Func<JsonObject, string, (bool Changed, T Result)> write)
    {
        var entry = EntryOf(resource);
        lock (entry)
        {
            Shape(resource).Project(entry.Document, resource, world.Fleet.ConfigAt(resource, world.Time.GetUtcNow()));
            var (changed, result) = write(entry.Document, entry.ETag);
            if (changed)
            {
                entry.ETag = NewETag();
            }

            return result;
        }
    }

    private Entry EntryOf(SimulatedResource resource) =>
        _documents.GetOrAdd(resource.Index, _ => new Entry(Shape(resource).Create(resource, resource.InitialConfig), NewETag()));

    private IDocumentShape Shape(SimulatedResource resource) =>
        _shapes.TryGetValue(resource.Resource.Kind, out var shape)
            ? shape
            : throw new InvalidOperationException($"No ARM document shape is registered for {resource.Resource.Kind}.");

    private static string NewETag() => $"\"{Guid.NewGuid():N}\"";

    private sealed class Entry(JsonObject document, string etag)
    {
        public JsonObject Document { get; } = document;

        public string ETag { get; set; } = etag;
    }
}
