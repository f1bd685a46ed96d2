using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Players.Api.Auth;

namespace Players.Tests.Auth;

/// <summary>
/// Signs tokens in the test with a key the API receives through configuration, in the shape <c>dotnet user-jwts</c>
/// writes into user secrets (issuer, audiences, one symmetric signing key). Every way a token can be wrong has a name.
/// </summary>
public sealed class TestTokens
{
    public const string Issuer = "players-tests";
    public const string Audience = "http://localhost:9000";
    private const string Bearer = WriteAccess.BearerSection;

    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    /// <summary>Refused with 401: none, or not valid for this API.</summary>
    public static TheoryData<string> Invalid { get; } =
        ["none", "expired", "not yet valid", "wrong audience", "wrong issuer", "bad signature", "unsigned", "not a JWT"];

    /// <summary>Valid, but refused with 403: the write scope is not among its scopes.</summary>
    public static TheoryData<string> WithoutWriteScope { get; } =
        ["no scope", "only players:read", "a scope that merely starts like it", "the scope in a claim that is not a scope"];

    /// <summary>Granted: the write scope in each shape issuers use.</summary>
    public static IReadOnlyList<string> ScopeShapes { get; } =
        ["scope as a string", "scope as a space-delimited list", "scope as several claims", "scp as a string", "scp as several claims"];

    public static TheoryData<string> WithWriteScope => new(ScopeShapes);

    /// <summary>The signing key as configuration carries it (base64), as <c>dotnet user-jwts</c> writes it.</summary>
    public string SigningKey => Convert.ToBase64String(_key);

    /// <summary>What the API needs to protect its writes with these tokens.</summary>
    public Dictionary<string, string?> ProtectedSettings() => new()
    {
        [WriteAccess.Key] = "protected",
        [$"{Bearer}:ValidIssuer"] = Issuer,
        [$"{Bearer}:ValidAudiences:0"] = Audience,
        [$"{Bearer}:SigningKeys:0:Issuer"] = Issuer,
        [$"{Bearer}:SigningKeys:0:Value"] = SigningKey,
    };

    /// <summary>The token a name describes, or null for none.</summary>
    public string? For(string kind, string subject = "alice") => kind switch
    {
        "none" => null,
        "expired" => Sign(subject, Scope(WriteScope.Value), expires: DateTime.UtcNow.AddHours(-1)),
        "not yet valid" => Sign(subject, Scope(WriteScope.Value), notBefore: DateTime.UtcNow.AddHours(1)),
        "wrong audience" => Sign(subject, Scope(WriteScope.Value), audience: "http://elsewhere.example"),
        "wrong issuer" => Sign(subject, Scope(WriteScope.Value), issuer: "someone-else"),
        "bad signature" => Sign(subject, Scope(WriteScope.Value), key: RandomNumberGenerator.GetBytes(32)),
        "unsigned" => new JsonWebTokenHandler().CreateToken(Descriptor(subject, Scope(WriteScope.Value), Issuer, Audience, DateTime.UtcNow, DateTime.UtcNow.AddHours(1))),
        "not a JWT" => "not-a-jwt",
        "no scope" => Sign(subject, []),
        "only players:read" => Sign(subject, Scope("players:read")),
        "a scope that merely starts like it" => Sign(subject, Scope($"{WriteScope.Value}er players:writes")),
        "the scope in a claim that is not a scope" => Sign(subject, new() { ["roles"] = WriteScope.Value }),
        "scope as a string" => Sign(subject, Scope(WriteScope.Value)),
        "scope as a space-delimited list" => Sign(subject, Scope($"players:read {WriteScope.Value}")),
        "scope as several claims" => Sign(subject, new() { ["scope"] = new[] { "players:read", WriteScope.Value } }),
        "scp as a string" => Sign(subject, new() { ["scp"] = $"players:read {WriteScope.Value}" }),
        "scp as several claims" => Sign(subject, new() { ["scp"] = new[] { "players:read", WriteScope.Value } }),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "no such token"),
    };

    private static Dictionary<string, object> Scope(string value) => new() { ["scope"] = value };

    private string Sign(
        string subject,
        Dictionary<string, object> claims,
        string issuer = Issuer,
        string audience = Audience,
        DateTime? notBefore = null,
        DateTime? expires = null,
        byte[]? key = null)
    {
        var start = notBefore ?? (expires ?? DateTime.UtcNow).AddHours(-1);
        var descriptor = Descriptor(subject, claims, issuer, audience, start, expires ?? start.AddHours(2));
        descriptor.SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key ?? _key), SecurityAlgorithms.HmacSha256);
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    private static SecurityTokenDescriptor Descriptor(
        string subject, Dictionary<string, object> claims, string issuer, string audience, DateTime notBefore, DateTime expires) => new()
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = notBefore,
            NotBefore = notBefore,
            Expires = expires,
            Claims = new Dictionary<string, object>(claims) { [JwtRegisteredClaimNames.Sub] = subject },
        };
}
