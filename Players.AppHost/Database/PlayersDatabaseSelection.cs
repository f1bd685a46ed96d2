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
    private const string DatabaseKey = AppHostSettings.DatabaseKey;
    private const string SourceKey = AppHostSettings.PostgresSourceKey;

    /// <exception cref="AppHostRefusedException">What was asked for cannot be had here, or cannot be published.</exception>
    public static DatabaseChoice Choose(AppHostSettings settings, bool isPublishMode)
    {
        if (isPublishMode)
        {
            // An executable or a file would put this machine's paths into the manifest.
            return settings.Database == RequestedDatabase.Sqlite
                ? throw Refused($"{DatabaseKey}=sqlite cannot be published: the manifest models PostgreSQL as a container. Leave {DatabaseKey} unset or set it to postgres.")
                : new DatabaseChoice.PostgresContainer();
        }

        if (settings.Database == RequestedDatabase.Sqlite)
        {
            return new DatabaseChoice.SqliteFile(SqliteDataDirectory.ResolveFile(settings.SqliteDataDirectory), Warning: null);
        }

        return settings.PostgresSource switch
        {
            PostgresSource.Container => Container(settings),
            PostgresSource.Local => Binaries(settings),
            _ => Auto(settings, postgresRequired: settings.Database == RequestedDatabase.Postgres),
        };
    }

    private static DatabaseChoice Container(AppHostSettings settings) =>
        !settings.ContainerProbe || ContainerEngine.Answers()
            ? new DatabaseChoice.PostgresContainer()
            : throw Refused(
                $"{SourceKey}=container, but no container engine answered (docker info, podman info). "
                + $"Start Docker or Podman, or leave {SourceKey} unset to use the installed PostgreSQL server binaries.");

    private static DatabaseChoice Binaries(AppHostSettings settings) =>
        LocalPostgresBinaries.Find(settings.PostgresBinariesDirectory) is { } bin
            ? new DatabaseChoice.PostgresBinaries(bin)
            : throw Refused(
                $"{SourceKey}=local, but no PostgreSQL server binaries (initdb and postgres) were found under {LocalPostgresBinaries.SearchedIn(settings.PostgresBinariesDirectory)}. "
                + $"Install PostgreSQL (Debian/Ubuntu: apt-get install postgresql) or name their folder with {AppHostSettings.PostgresBinariesDirectoryKey}.");

    private static DatabaseChoice Auto(AppHostSettings settings, bool postgresRequired)
    {
        if (settings.ContainerProbe && ContainerEngine.Answers())
        {
            return new DatabaseChoice.PostgresContainer();
        }

        if (LocalPostgresBinaries.Find(settings.PostgresBinariesDirectory) is { } bin)
        {
            return new DatabaseChoice.PostgresBinaries(bin);
        }

        var searched = LocalPostgresBinaries.SearchedIn(settings.PostgresBinariesDirectory);
        if (postgresRequired)
        {
            throw Refused(
                $"No container engine answered and no PostgreSQL server binaries were found under {searched}. "
                + $"Install PostgreSQL (Debian/Ubuntu: apt-get install postgresql) or a container engine (Docker or Podman), name the binaries' folder with "
                + $"{AppHostSettings.PostgresBinariesDirectoryKey}, or leave {DatabaseKey} unset to run on SQLite.");
        }

        var file = SqliteDataDirectory.ResolveFile(settings.SqliteDataDirectory);
        return new DatabaseChoice.SqliteFile(file,
            $"No container engine and no PostgreSQL server binaries (under {searched}): running on SQLite {file}. "
            + $"To run on PostgreSQL, install it (Debian/Ubuntu: apt-get install postgresql) or a container engine (Docker or Podman); {DatabaseKey}=sqlite chooses SQLite without this warning.");
    }

    private static AppHostRefusedException Refused(string message) => new(message);
}
