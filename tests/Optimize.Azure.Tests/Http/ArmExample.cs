using System.Text.Json.Nodes;
using Optimize.Testing;

namespace Optimize.Azure.Tests.Http;

/// <summary>A published Azure REST example (fixtures/arm/...): parameters and responses by status code.</summary>
internal sealed class ArmExample
{
    private ArmExample(JsonNode root) => Root = root;

    public JsonNode Root { get; }

    public JsonNode Parameters => Root["parameters"]!;

    /// <summary>Loads <c>fixtures/arm/{relative}</c> or skips the test when the shared folder is absent.</summary>
    public static ArmExample Load(string relative) =>
        new(JsonNode.Parse(File.ReadAllText(RepoPaths.SharedFile("fixtures/arm/" + relative)))!);

    /// <summary>The response body of <paramref name="status"/> (a copy), or null.</summary>
    public JsonNode? Body(string status = "200") => Root["responses"]?[status]?["body"]?.DeepClone();

    /// <summary>The response headers of <paramref name="status"/>.</summary>
    public Dictionary<string, string> Headers(string status = "200") =>
        (Root["responses"]?[status]?["headers"] as JsonObject)?.ToDictionary(h => h.Key, h => h.Value!.ToString()) ?? [];

    /// <summary>
    /// The response with the spec's <c>{placeholder}</c> tokens un-braced (<c>http://{account}.blob…</c> → <c>http://account.blob…</c>),
    /// because the Compute SDK parses those strings as URIs and the braces are not valid host characters.
    /// </summary>
    public CannedResponse ResolvedResponse(string status = "200")
    {
        var canned = Response(status);
        return canned with { Body = System.Text.RegularExpressions.Regex.Replace(canned.Body, @"\{([A-Za-z0-9-]+)\}", "$1") };
    }

    /// <summary>The canned response replaying <paramref name="status"/> (body and headers).</summary>
    public CannedResponse Response(string status = "200") =>
        new(int.Parse(status, System.Globalization.CultureInfo.InvariantCulture), Body(status)?.ToJsonString() ?? string.Empty, Headers(status));
}
