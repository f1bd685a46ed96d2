using Players.Data;

namespace Players.Tests.Lint;

/// <summary>Databases lint is run for and never connects to: nothing listens on port 1, and no such file exists.</summary>
public static class OfflineTargets
{
    public static DatabaseTarget For(DatabaseEngine engine) => engine switch
    {
        DatabaseEngine.Sqlite => new(engine, $"Data Source={Path.Combine(Path.GetTempPath(), $"players-lint-{Guid.NewGuid():N}", "players.db")}", "SQLite (lint)", DatabaseSource.DatabaseUrl),
        _ => new(engine, "Host=127.0.0.1;Port=1;Database=players_lint;Username=nobody", "PostgreSQL (lint)", DatabaseSource.DatabaseUrl),
    };
}
