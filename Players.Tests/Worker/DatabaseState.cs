using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Players.Data;
using Players.Tests.Infrastructure;

namespace Players.Tests.Worker;

/// <summary>What a test database holds, read with plain SQL so that it works whatever the schema is.</summary>
public static class DatabaseState
{
    /// <summary>Rows in <c>players</c>, or null when the table does not exist.</summary>
    public static async Task<int?> PlayerCountAsync(this TestDatabase database)
    {
        if (!await database.TableExistsAsync("players"))
        {
            return null;
        }

        return (int)await database.ScalarAsync("SELECT count(*) FROM players");
    }

    public static async Task<IReadOnlyList<string>> AppliedMigrationsAsync(this TestDatabase database)
    {
        await using var db = database.CreateContext();
        return [.. await db.Database.GetAppliedMigrationsAsync()];
    }

    /// <summary>An id that sorts after every migration of this build, as a newer build's migration would.</summary>
    public const string UnknownMigration = "29991231235959_FromANewerBuild";

    /// <summary>A history row as EF writes it, for a migration this build may not have.</summary>
    public static Task AddHistoryRowAsync(this TestDatabase database, string migrationId) =>
        database.ExecuteAsync($"""INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion") VALUES ('{migrationId}', '10.0.15')""");

    public static async Task<bool> TableExistsAsync(this TestDatabase database, string table) =>
        await database.ScalarAsync(database.Engine == DatabaseEngine.Sqlite
            ? $"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '{table}'"
            : $"SELECT count(*) FROM information_schema.tables WHERE table_name = '{table}'") == 1;

    public static async Task<long> ScalarAsync(this TestDatabase database, string sql)
    {
        await using var db = database.CreateContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    public static async Task ExecuteAsync(this TestDatabase database, string sql)
    {
        await using var db = database.CreateContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A player a user added, holding <paramref name="squadNumber"/>.</summary>
    public static Task AddUserPlayerAsync(this TestDatabase database, int squadNumber) =>
        database.ExecuteAsync(
            $"""INSERT INTO players (id, "firstName", "lastName", position, "squadNumber") VALUES ('{Guid.NewGuid()}', 'Diego', 'Maradona', 'Attacking Midfield', {squadNumber})""");
}
