using System.Security.Claims;

namespace Players.Api.Auth;

/// <summary>The scope a write needs, in every shape issuers give it.</summary>
public static class WriteScope
{
    public const string Value = "players:write";

    // `scope` (RFC 9068; dotnet user-jwts), `scp` (Entra ID), and `scp` as JwtBearer renames it while
    // MapInboundClaims is on (its default): checking all three keeps that setting the operator's to choose.
    private static readonly string[] ClaimTypes = ["scope", "scp", "http://schemas.microsoft.com/identity/claims/scope"];

    /// <summary>True when a scope claim holds the value, as a space-delimited list or as one of several claims.</summary>
    public static bool IsGrantedTo(ClaimsPrincipal user) =>
        user.Claims.Any(claim => ClaimTypes.Contains(claim.Type, StringComparer.Ordinal)
            && claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(Value, StringComparer.Ordinal));
}
