using Microsoft.Extensions.Configuration;
using Players.AppHost.LocalPostgres;

namespace Players.AppHost.Database;

/// <summary>
/// The AppHost's database rule (ADR 9): <c>Players:Database</c> = <c>postgres</c> | <c>sqlite</c>, unset by default,
/// and where PostgreSQL comes from, <c>Players:Postgres:Source</c> = <c>auto</c> (default) | <c>container</c> |
/// <c>local</c>. Unset and <c>auto</c> take a container engine that answers, else the installed server binaries, else
/// SQLite with a warning; whatever was asked for explicitly is had, or refused at once with a one-line message.
/// </summary>
internal static class PlayersDatabaseSelection
{
    public const string DatabaseKey = "Players:Database";
    public const string SourceKey = "Players:Postgres:Source";

    public static DatabaseChoice Choose(IConfiguration configuration, bool isPublishMode)
    {
        var database = Setting(configuration, DatabaseKey, "postgres", "sqlite");
        var source = Setting(configuration, SourceKey, "auto", "container", "local") ?? "auto";

        if (isPublishMode)
        {
            // An executable or a file would put this machine's paths into the manifest.
            return database == "sqlite"
                ? throw Refused($"{DatabaseKey}=sqlite cannot be published: the manifest models PostgreSQL as a container. Leave {DatabaseKey} unset or set it to postgres.")
                : new DatabaseChoice.PostgresContainer();
        }

        if (database == "sqlite")
        {
            return source == "auto"
                ? new DatabaseChoice.SqliteFile(SqliteDataDirectory.ResolveFile(configuration), Warning: null)
                : throw Refused($"{DatabaseKey}=sqlite and {SourceKey}={source} contradict each other: leave one of them unset.");
        }

        return source switch
        {
            "container" => Container(configuration),
            "local" => Binaries(configuration),
            _ => Auto(configuration, postgresRequired: database == "postgres"),
        };
    }

    private static DatabaseChoice Container(IConfiguration configuration) =>
        !ContainerEngine.ProbeEnabled(configuration) || ContainerEngine.Answers()
            ? new DatabaseChoice.PostgresContainer()
            : throw Refused(
                $"{SourceKey}=container, but no container engine answered (docker info, podman info). "
                + $"Start Docker or Podman, or leave {SourceKey} unset to use the installed PostgreSQL server binaries.");

    private static DatabaseChoice Binaries(IConfiguration configuration) =>
        LocalPostgresBinaries.Find(configuration) is { } bin
            ? new DatabaseChoice.PostgresBinaries(bin)
            : throw Refused(
                $"{SourceKey}=local, but no PostgreSQL server binaries (initdb and postgres) were found under {LocalPostgresBinaries.SearchedIn(configuration)}. "
                + $"Install PostgreSQL (Debian/Ubuntu: apt-get install postgresql) or name their folder with {LocalPostgresBinaries.ConfigurationKey}.");

    private static DatabaseChoice Auto(IConfiguration configuration, bool postgresRequired)
    {
        if (ContainerEngine.ProbeEnabled(configuration) && ContainerEngine.Answers())
        {
            return new DatabaseChoice.PostgresContainer();
        }

        if (LocalPostgresBinaries.Find(configuration) is { } bin)
        {
            return new DatabaseChoice.PostgresBinaries(bin);
        }

        var searched = LocalPostgresBinaries.SearchedIn(configuration);
        if (postgresRequired)
        {
            throw Refused(
                $"No container engine answered and no PostgreSQL server binaries were found under {searched}. "
                + $"Install PostgreSQL (Debian/Ubuntu: apt-get install postgresql) or a container engine (Docker or Podman), name the binaries' folder with "
                + $"{LocalPostgresBinaries.ConfigurationKey}, or leave {DatabaseKey} unset to run on SQLite.");
        }

        var file = SqliteDataDirectory.ResolveFile(configuration);
        return new DatabaseChoice.SqliteFile(file,
            $"No container engine and no PostgreSQL server binaries (under {searched}): running on SQLite {file}. "
            + $"To run on PostgreSQL, install it (Debian/Ubuntu: apt-get install postgresql) or a container engine (Docker or Podman); {DatabaseKey}=sqlite chooses SQLite without this warning.");
    }

    /// <summary>The setting in lower case, or null when unset; anything but the accepted values is refused.</summary>
    private static string? Setting(IConfiguration configuration, string key, params string[] accepted)
    {
        var configured = configuration[key]?.Trim();
        if (string.IsNullOrEmpty(configured))
        {
            return null;
        }

        var value = configured.ToLowerInvariant();
        return accepted.Contains(value)
            ? value
            : throw Refused($"{key} must be {string.Join(", ", accepted[..^1])} or {accepted[^1]}; it is '{configured}'.");
    }

    private static DistributedApplicationException Refused(string message) => new(message);
}
