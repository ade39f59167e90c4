using System.Text;
using System.Text.Json;

namespace Optimize.Hosting;

/// <summary>
/// The user App Service Authentication ("Easy Auth") signed in, from the <c>X-MS-CLIENT-PRINCIPAL</c> request header:
/// Base64-encoded JSON <c>{"auth_typ": "aad", "claims": [{"typ": "...", "val": "..."}], "name_typ": "...", "role_typ": "..."}</c>.
/// See "Work with user identities in Azure App Service authentication" (learn.microsoft.com/azure/app-service/
/// configure-authentication-user-identities, "Access user claims in app code"): App Service injects the header into
/// every authenticated request and strips any copy a client sends, so it can be trusted only when App Service
/// Authentication is enabled on the app. Without it, a caller with a function key could forge it, which gives them no
/// more than the free-text <c>by</c> they could send anyway.
/// </summary>
/// <param name="AuthType">The identity provider (<c>aad</c> for Entra ID).</param>
/// <param name="Name">Who signed in: <c>preferred_username</c>, else the claim named by <c>name_typ</c>, else <c>name</c>.</param>
public sealed record ClientPrincipal(string AuthType, string Name)
{
    /// <summary>The header App Service Authentication sets.</summary>
    public const string HeaderName = "X-MS-CLIENT-PRINCIPAL";

    /// <summary>Decodes the header. Null <paramref name="principal"/> and a message when it is not the documented shape or names no one.</summary>
    public static bool TryParse(string header, out ClientPrincipal? principal, out string error)
    {
        principal = null;
        error = "";
        PrincipalJson? json;
        try
        {
            json = JsonSerializer.Deserialize<PrincipalJson>(Encoding.UTF8.GetString(Convert.FromBase64String(header.Trim())));
        }
        catch (Exception ex) when (ex is FormatException or JsonException or ArgumentException)
        {
            error = $"The {HeaderName} header is not Base64-encoded JSON as App Service Authentication sends it: {ex.Message}";
            return false;
        }

        var claims = json?.Claims ?? [];
        string? Claim(string? type) =>
            type is null ? null : claims.FirstOrDefault(c => string.Equals(c.Typ, type, StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(c.Val))?.Val;
        var name = Claim("preferred_username") ?? Claim(json?.NameTyp) ?? Claim("name");
        if (name is null)
        {
            error = $"The {HeaderName} header names no one (no preferred_username, {json?.NameTyp ?? "name_typ"} or name claim).";
            return false;
        }

        principal = new ClientPrincipal(json?.AuthTyp ?? "", name.Trim());
        return true;
    }

    private sealed record PrincipalJson(
        [property: System.Text.Json.Serialization.JsonPropertyName("auth_typ")] string? AuthTyp,
        [property: System.Text.Json.Serialization.JsonPropertyName("claims")] IReadOnlyList<PrincipalClaim>? Claims,
        [property: System.Text.Json.Serialization.JsonPropertyName("name_typ")] string? NameTyp);

    private sealed record PrincipalClaim(
        [property: System.Text.Json.Serialization.JsonPropertyName("typ")] string? Typ,
        [property: System.Text.Json.Serialization.JsonPropertyName("val")] string? Val);
}

/// <summary>How approve and reject establish who decides.</summary>
public sealed record ApprovalAccess
{
    /// <summary>Refuse a decision without an App Service Authentication principal (401).</summary>
    public bool RequirePrincipal { get; init; }
}
