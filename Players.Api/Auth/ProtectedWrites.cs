namespace Players.Api.Auth;

/// <summary>
/// Standard JwtBearer, configured only by <c>Authentication:Schemes:Bearer</c> (so <c>dotnet user-jwts</c> works),
/// and the write policy that the three writes carry when <see cref="WriteAccess.IsProtected"/>.
/// </summary>
public static class ProtectedWrites
{
    public const string PolicyName = "players-write";
    public const string Unauthorized = $"This write needs a bearer token (Authorization: Bearer …) valid for this API with the scope {WriteScope.Value}; for a token that was sent, WWW-Authenticate says why it was refused.";
    public const string Forbidden = $"The bearer token was accepted but lacks the scope {WriteScope.Value} that writes need.";

    /// <summary>Reads <c>Players:Api:Writes</c> (refusing a missing or incomplete setting) and registers authentication.</summary>
    public static WriteAccess AddProtectedWrites(this WebApplicationBuilder builder)
    {
        var access = WriteAccess.From(builder.Configuration, builder.Environment);
        builder.Services.AddSingleton(access);
        // Registered in both modes: one pipeline, and a token's subject partitions the write rate limit either way.
        builder.Services.AddAuthentication().AddJwtBearer();
        // Bearer, the only scheme, is the default: the policy reads the user that authentication already found.
        builder.Services.AddAuthorizationBuilder().AddPolicy(PolicyName, policy => policy
            .RequireAuthenticatedUser()
            .RequireAssertion(context => WriteScope.IsGrantedTo(context.User)));
        return access;
    }

    /// <summary>When writes are protected: the write policy, and the 401 and 403 it may answer in the document.</summary>
    public static RouteHandlerBuilder RequireWriteAccess(this RouteHandlerBuilder endpoint, WriteAccess access) =>
        access.IsProtected
            ? endpoint.RequireAuthorization(PolicyName)
                .ProducesProblem(StatusCodes.Status401Unauthorized)
                .ProducesProblem(StatusCodes.Status403Forbidden)
            : endpoint;
}
