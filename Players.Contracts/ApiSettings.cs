namespace Players.Contracts;

/// <summary>The API's settings that the AppHost writes (docs/running.md and docs/api.md describe them).</summary>
public static class ApiSettings
{
    /// <summary><c>false</c> under the AppHost, where the worker owns the schema; unset, the API migrates at start-up.</summary>
    public const string MigrateOnStartup = "Players:MigrateOnStartup";

    /// <summary><c>open</c> or <c>protected</c>: whether writes need a bearer token.</summary>
    public const string Writes = "Players:Api:Writes";

    /// <summary>The most PostgreSQL connections one API process holds; the AppHost sets it per replica.</summary>
    public const string MaxPoolSize = "Players:Database:MaxPoolSize";
}
