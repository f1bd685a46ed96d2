using Players.Contracts;

namespace Players.Api.Auth;

/// <summary>
/// <c>Players:Api:Writes</c>: <c>open</c>, or <c>protected</c> (POST, PUT and DELETE need a bearer token with the
/// scope <see cref="WriteScope.Value"/>). Unset means open in Development only, so that a deployment that forgot the
/// setting stops at start rather than letting anyone write.
/// </summary>
public sealed record WriteAccess(bool IsProtected)
{
    public const string Key = ApiSettings.Writes;
    public const string BearerSection = "Authentication:Schemes:Bearer";

    public static WriteAccess From(IConfiguration configuration, IHostEnvironment environment)
    {
        var value = configuration[Key];
        if (string.IsNullOrWhiteSpace(value) && environment.IsDevelopment())
        {
            return new(IsProtected: false);
        }

        var access = value?.Trim().ToLowerInvariant() switch
        {
            "open" => new WriteAccess(IsProtected: false),
            "protected" => new WriteAccess(IsProtected: true),
            _ => throw new WriteAccessConfigurationException(string.IsNullOrWhiteSpace(value)
                ? $"{Key} must be set outside Development: {Choices}."
                : $"{Key} is '{value}'; it must be {Choices}."),
        };
        if (access.IsProtected)
        {
            RequireBearerConfiguration(configuration.GetSection(BearerSection));
        }

        return access;
    }

    private static string Choices =>
        $"'open' (anyone may write) or 'protected' (writes need a bearer token with the scope {WriteScope.Value})";

    /// <summary>
    /// JwtBearer starts without any of these and then refuses every token (no key, no authority) or accepts tokens
    /// meant for any API of the issuer (no audience): both are mistakes to name at start.
    /// </summary>
    private static void RequireBearerConfiguration(IConfigurationSection bearer)
    {
        List<string> missing = [];
        if (string.IsNullOrWhiteSpace(bearer["Authority"]) && !HasValues(bearer.GetSection("SigningKeys"), "Value"))
        {
            missing.Add($"an authority ({BearerSection}:Authority) or a signing key ({BearerSection}:SigningKeys, "
                + "which `dotnet user-jwts create` writes in Development)");
        }

        if (string.IsNullOrWhiteSpace(bearer["ValidAudience"]) && !HasValues(bearer.GetSection("ValidAudiences"), key: null))
        {
            missing.Add($"an audience ({BearerSection}:ValidAudiences:0)");
        }

        if (missing.Count > 0)
        {
            throw new WriteAccessConfigurationException($"{Key} is 'protected' but it lacks {string.Join(" and ", missing)}.");
        }
    }

    private static bool HasValues(IConfigurationSection list, string? key) =>
        list.GetChildren().Any(item => !string.IsNullOrWhiteSpace(key is null ? item.Value : item[key]));
}
