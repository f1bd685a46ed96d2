using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Players.Data;
using Players.Tests.Infrastructure;
using Players.Tests.Worker;

namespace Players.Tests.SchemaCheck;

[Trait("Tier", "Fast")]
public sealed class SqliteSchemaCheckTests() : SchemaCheckTests(DatabaseEngine.Sqlite)
{
    protected override string TextType => "TEXT";

    // SQLite cannot alter a column: the table is rebuilt by hand, as EF's own rebuild does, with one column changed.
    protected override Task AlterTeamByHandAsync(TestDatabase database) =>
        RebuildPlayersAsync(database, team: """ "team" varchar(50) NOT NULL""", squadNumber: """ "squadNumber" INTEGER NOT NULL""");

    protected override string IntegerType => "INTEGER";

    protected override Task SetSquadNumberDefaultByHandAsync(TestDatabase database) =>
        RebuildPlayersAsync(database, team: """ "team" TEXT NULL""", squadNumber: """ "squadNumber" INTEGER NOT NULL DEFAULT 99""");

    private static Task RebuildPlayersAsync(TestDatabase database, string team, string squadNumber) => database.ExecuteAsync(
        $$"""
        BEGIN;
        CREATE TABLE players_by_hand (
            "id" TEXT NOT NULL CONSTRAINT "PK_players" PRIMARY KEY, "firstName" TEXT NOT NULL, "middleName" TEXT NULL,
            "lastName" TEXT NOT NULL, "dateOfBirth" TEXT NULL, {{squadNumber}}, "position" TEXT NOT NULL,
            "abbrPosition" TEXT NULL, {{team}}, "league" TEXT NULL, "starting11" INTEGER NULL);
        INSERT INTO players_by_hand SELECT "id", "firstName", "middleName", "lastName", "dateOfBirth", "squadNumber",
            "position", "abbrPosition", "team", "league", "starting11" FROM players;
        DROP TABLE players;
        ALTER TABLE players_by_hand RENAME TO players;
        CREATE UNIQUE INDEX "IX_players_squadNumber" ON players ("squadNumber");
        COMMIT;
        """);

    // The row in __EFMigrationsLock: what a running migration holds, and what a killed one leaves behind.
    protected override async Task<IAsyncDisposable> HoldMigrationLockAsync(TestDatabase database)
    {
        var db = database.CreateContext();
        _ = await db.GetService<IHistoryRepository>().AcquireDatabaseLockAsync();
        return db;
    }

    [Fact]
    public async Task Check_leaves_the_database_file_byte_for_byte_unchanged()
    {
        await using var database = new SqliteTestDatabase();
        await MigrateAsync(database, "upgrade");
        await database.ExecuteAsync("ALTER TABLE players ADD COLUMN nationality text");
        SqliteConnection.ClearAllPools();
        var before = await File.ReadAllBytesAsync(database.FilePath);

        await CheckAsync(database, expectedExit: 4);

        Assert.Equal(SHA256.HashData(before), SHA256.HashData(await File.ReadAllBytesAsync(database.FilePath)));
    }

    [Fact]
    public async Task A_file_that_is_not_a_database_exits_1_with_one_line()
    {
        await using var database = new SqliteTestDatabase();
        await File.WriteAllTextAsync(database.FilePath, "not a database, just a note that happens to end in .db\n");

        var check = await InProcessWorker.RunAsync(database.Url, "check");

        Assert.True(check.ExitCode == 1, check.ToString());
        Assert.Contains("file is not a database", Assert.Single(Lines(check.Errors)), StringComparison.Ordinal);
    }
}
