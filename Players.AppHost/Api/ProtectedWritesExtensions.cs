using Players.Contracts;

namespace Players.AppHost.Api;

/// <summary>
/// Deployed, the API's writes are protected: the manifest sets <c>Players__Api__Writes=protected</c> and asks for
/// the token authority and audience as parameters. A run keeps the API's launch profile (Development: writes open).
/// </summary>
internal static class ProtectedWritesExtensions
{
    public const string AuthorityParameter = "api-auth-authority";
    public const string AudienceParameter = "api-auth-audience";
    private const string Bearer = "Authentication__Schemes__Bearer__";

    public static IResourceBuilder<ProjectResource> WithProtectedWritesWhenPublished(this IResourceBuilder<ProjectResource> api)
    {
        var builder = api.ApplicationBuilder;
        if (!builder.ExecutionContext.IsPublishMode)
        {
            return api;
        }

        var authority = builder.AddParameter(AuthorityParameter)
            .WithDescription("The OpenID Connect authority that issues tokens for the API, e.g. https://login.microsoftonline.com/<tenant>/v2.0");
        var audience = builder.AddParameter(AudienceParameter)
            .WithDescription("The audience the API's tokens are issued for, e.g. api://players");
        return api
            .WithSetting(ApiSettings.Writes, "protected")
            .WithEnvironment($"{Bearer}Authority", authority)
            .WithEnvironment($"{Bearer}ValidAudiences__0", audience);
    }
}
