using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Players.Data;
using Players.Data.Migrating;
using Players.Data.Migrating.SchemaCheck;
using Players.Tests.Infrastructure;
using Players.Tests.Worker;
using MigrationIds = Players.Tests.Worker.Migrations;

namespace Players.Tests.SchemaCheck;

/// <summary>The worker's <c>check</c>, run as a process on one engine: the live schema against the last applied migration.</summary>
[Trait("Tier", "Fast")]
public abstract class SchemaCheckTests(DatabaseEngine engine)
{
    /// <summary>How this engine names the store type the migrations give a text column.</summary>
    protected abstract string TextType { get; }

    /// <summary>Makes <c>team</c> a <c>varchar(50) not null</c> by hand, the way this engine allows it.</summary>
    protected abstract Task AlterTeamByHandAsync(TestDatabase database);

    /// <summary>How this engine names the store type the migrations give an <c>int</c> column.</summary>
    protected abstract string IntegerType { get; }

    /// <summary>Gives <c>squadNumber</c> the default 99 by hand, the way this engine allows it.</summary>
    protected abstract Task SetSquadNumberDefaultByHandAsync(TestDatabase database);

    /// <summary>Holds what a running migration of this engine holds for its whole run, until disposed.</summary>
    protected abstract Task<IAsyncDisposable> HoldMigrationLockAsync(TestDatabase database);

    [Fact]
    public async Task Check_exits_0_on_a_fresh_head_database_and_at_every_target()
    {
        await using var database = await TestDatabase.CreateAsync(engine);

        foreach (var (command, target) in new[]
        {
            ("upgrade", "head"), ("downgrade", "SeedStartingEleven"), ("downgrade", "CreatePlayersTable"), ("downgrade", "base"),
        })
        {
            await MigrateAsync(database, command, target);
            var check = await CheckAsync(database, expectedExit: 0);

            var expected = target == "base" ? "0 (no migration applied)" : Current(target);
            Assert.Equal([$"No differences: {Description(database)} matches {expected}."], Lines(check.Output));
        }
    }

    [Fact]
    public async Task A_column_altered_by_hand_exits_4_naming_the_column_and_both_types_and_changes_nothing()
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await MigrateAsync(database, "upgrade");
        await AlterTeamByHandAsync(database);

        var check = await CheckAsync(database, expectedExit: 4);

        var found = engine == DatabaseEngine.Sqlite ? "varchar(50)" : "character varying(50)";
        Assert.Equal([$"players.team: expected {TextType} null, found {found} not null"], Lines(check.Output));
        Assert.Contains($"differs from migration {MigrationIds.SeedSubstitutes} in 1 place(s)", check.Errors, StringComparison.Ordinal);
        Assert.Equal(25, await database.PlayerCountAsync());
        Assert.Equal(MigrationIds.All, await database.AppliedMigrationsAsync());
    }

    [Fact]
    public async Task A_dropped_unique_index_exits_4_naming_its_columns()
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await MigrateAsync(database, "upgrade");
        await database.ExecuteAsync("""DROP INDEX "IX_players_squadNumber" """);

        var check = await CheckAsync(database, expectedExit: 4);

        Assert.Equal(["players: expected a unique index on (squadNumber), found none"], Lines(check.Output));
    }

    [Fact]
    public async Task A_unique_index_replaced_by_a_partial_one_exits_4_naming_the_index_and_its_filter()
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await MigrateAsync(database, "upgrade");
        await database.ExecuteAsync(
            """DROP INDEX "IX_players_squadNumber"; CREATE UNIQUE INDEX "IX_players_squadNumber" ON players ("squadNumber") WHERE "squadNumber" > 1000""");

        var check = await CheckAsync(database, expectedExit: 4);

        var line = Assert.Single(Lines(check.Output));
        Assert.StartsWith("players: expected a unique index on (squadNumber), found a unique index on (squadNumber) where ", line, StringComparison.Ordinal);
        Assert.Contains("\"squadNumber\" > 1000", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_extra_index_exits_4_naming_it()
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await MigrateAsync(database, "upgrade");
        await database.ExecuteAsync("""CREATE INDEX "IX_players_team" ON players (team, "lastName"); CREATE UNIQUE INDEX "UX_players_id_team" ON players (team, id)""");

        var check = await CheckAsync(database, expectedExit: 4);

        Assert.Equal(
            ["players: expected no index on (lastName, team), found one", "players: expected no unique index on (id, team), found one"],
            Lines(check.Output));
    }

    [Fact]
    public async Task A_column_default_added_by_hand_exits_4_naming_the_column_and_its_default()
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await MigrateAsync(database, "upgrade");
        await SetSquadNumberDefaultByHandAsync(database);

        var check = await CheckAsync(database, expectedExit: 4);

        Assert.Equal([$"players.squadNumber: expected {IntegerType} not null, found {IntegerType} not null default 99"], Lines(check.Output));
    }

    [Fact]
    public async Task A_column_added_by_hand_exits_4_naming_it()
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await MigrateAsync(database, "upgrade", "SeedStartingEleven");
        await database.ExecuteAsync("ALTER TABLE players ADD COLUMN nationality text");

        var check = await CheckAsync(database, expectedExit: 4);

        Assert.Equal([$"players.nationality: expected no column, found {TextType} null"], Lines(check.Output));
    }

    [Fact]
    public async Task A_players_table_where_the_migrations_leave_none_and_none_where_they_leave_one_exit_4()
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await database.ExecuteAsync("CREATE TABLE players (id text)");

        var unexpected = await CheckAsync(database, expectedExit: 4);
        await database.ExecuteAsync("DROP TABLE players");
        await MigrateAsync(database, "upgrade", "CreatePlayersTable");
        await database.ExecuteAsync("DROP TABLE players");
        var missing = await CheckAsync(database, expectedExit: 4);

        Assert.Equal(["players: expected no table, found one"], Lines(unexpected.Output));
        Assert.Equal(["players: expected a table, found none"], Lines(missing.Output));
    }

    [Fact]
    public async Task A_database_ahead_of_this_build_is_refused_with_exit_2_and_one_line()
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await MigrateAsync(database, "upgrade");
        await database.ExecuteAsync(
            """INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion") VALUES ('20991231000000_AddNationality', '10.0.15')""");

        var check = await CheckAsync(database, expectedExit: 2);

        Assert.Equal("", check.Output);
        var error = Assert.Single(Lines(check.Errors));
        Assert.Contains("The database is ahead of this build (unknown: 20991231000000_AddNationality); use the newer worker.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_database_has_no_differences_and_is_not_created()
    {
        await using var database = await MissingDatabase.CreateAsync(engine);

        var check = await CheckAsync(database, expectedExit: 0);

        Assert.Equal([$"No differences: {Description(database)} does not exist yet, and no migration is applied."], Lines(check.Output));
        Assert.False(await database.ExistsAsync());
    }

    [Fact]
    public async Task Check_does_not_wait_for_the_migration_lock()
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await MigrateAsync(database, "upgrade");

        await using (await HoldMigrationLockAsync(database))
        {
            var check = await InProcessWorker.RunAsync(
                database.Url, new Dictionary<string, string> { ["Players__Migrations__LockTimeoutSeconds"] = "30" }, "check");

            Assert.True(check.ExitCode == 0, check.ToString());
            Assert.True(check.Elapsed < TimeSpan.FromSeconds(30), check.ToString());
        }
    }

    [Fact]
    public async Task Check_has_a_root_span_checking_schema_that_counts_the_differences()
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        var migrator = new PlayersMigrator(database.Target, NullLoggerFactory.Instance);
        await migrator.UpgradeAsync();
        await database.ExecuteAsync("ALTER TABLE players ADD COLUMN nationality text");
        using var spans = new SpanRecorder();

        var result = await migrator.CheckSchemaAsync();

        var root = spans.Root(Namespace(database), SchemaChecker.RootSpanName);
        Assert.Single(result.Differences);
        Assert.Equal(ActivityKind.Client, root.Kind);
        Assert.Equal(ActivityStatusCode.Unset, root.Status);
        Assert.Equal(engine == DatabaseEngine.Sqlite ? "sqlite" : "postgresql", root.GetTagItem("db.system"));
        Assert.Equal("check", root.GetTagItem("migrations.command"));
        Assert.Equal(MigrationIds.SeedSubstitutes, root.GetTagItem("migrations.current"));
        Assert.Equal(1, root.GetTagItem("schema.differences"));
    }

    protected static async Task MigrateAsync(TestDatabase database, params string[] arguments)
    {
        var run = await InProcessWorker.RunAsync(database.Url, arguments);
        Assert.True(run.ExitCode == 0, run.ToString());
    }

    protected static async Task<ProcessRun> CheckAsync(TestDatabase database, int expectedExit)
    {
        var run = await InProcessWorker.RunAsync(database.Url, "check");
        Assert.True(run.ExitCode == expectedExit, run.ToString());
        return run;
    }

    protected static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The database as the worker names it, from the URL it was given.</summary>
    private static string Description(TestDatabase database) => DatabaseUrl.Parse(database.Url).Description;

    private static string Current(string target) => target == "head"
        ? MigrationIds.SeedSubstitutes
        : MigrationIds.All.Single(id => id.EndsWith($"_{target}", StringComparison.Ordinal));

    private static string Namespace(TestDatabase database) => database.Engine == DatabaseEngine.Sqlite
        ? new SqliteConnectionStringBuilder(database.Target.ConnectionString).DataSource
        : new NpgsqlConnectionStringBuilder(database.Target.ConnectionString).Database!;
}
