using System.Text.Json;
using Players.Data;
using Players.Tests.Infrastructure;

namespace Players.Tests.Worker;

/// <summary>
/// The worker's commands and target forms against one engine, with the rows after each: its command handling run in
/// process (<see cref="InProcessWorker"/>); <see cref="WorkerProcessTests"/> holds what only the process shows.
/// </summary>
[Trait("Tier", "Fast")]
public abstract class WorkerCommandTests(DatabaseEngine engine)
{
    protected DatabaseEngine Engine => engine;

    [Fact]
    public async Task Upgrade_downgrade_and_relative_targets_move_the_schema_as_alembic_does()
    {
        await using var database = await TestDatabase.CreateAsync(engine);

        await AssertSucceedsAsync(database);
        Assert.Equal(25, await database.PlayerCountAsync());

        await AssertSucceedsAsync(database, "downgrade", "-1");
        Assert.Equal(11, await database.PlayerCountAsync());

        await AssertSucceedsAsync(database, "downgrade", "base");
        Assert.Null(await database.PlayerCountAsync());

        await AssertSucceedsAsync(database, "upgrade", "+1");
        Assert.Equal(0, await database.PlayerCountAsync());

        await AssertSucceedsAsync(database, "upgrade", "head");
        Assert.Equal(25, await database.PlayerCountAsync());
        Assert.Equal(Migrations.All, await database.AppliedMigrationsAsync());
    }

    [Fact]
    public async Task Names_in_any_case_full_ids_latest_and_0_are_targets_too()
    {
        await using var database = await TestDatabase.CreateAsync(engine);

        await AssertSucceedsAsync(database, "upgrade", "seedstartingeleven");
        Assert.Equal(11, await database.PlayerCountAsync());

        await AssertSucceedsAsync(database, "upgrade", Migrations.SeedSubstitutes);
        Assert.Equal(25, await database.PlayerCountAsync());

        await AssertSucceedsAsync(database, "downgrade", "CREATEPLAYERSTABLE");
        Assert.Equal(0, await database.PlayerCountAsync());

        await AssertSucceedsAsync(database, "downgrade", "0");
        Assert.Null(await database.PlayerCountAsync());

        await AssertSucceedsAsync(database, "upgrade", "latest");
        Assert.Equal(25, await database.PlayerCountAsync());
    }

    [Theory]
    [InlineData("upgrade CreatePlayersTable", "Cannot upgrade to {CreatePlayersTable}: it is below the current migration {SeedStartingEleven}. Use downgrade.")]
    [InlineData("downgrade head", "Cannot downgrade to {SeedSubstitutes}: it is above the current migration {SeedStartingEleven}. Use upgrade.")]
    [InlineData("downgrade -3", "Cannot downgrade 3 migrations: only 2 applied (current: {SeedStartingEleven}).")]
    [InlineData("upgrade +2", "Cannot upgrade 2 migrations: only 1 pending (current: {SeedStartingEleven}).")]
    [InlineData("upgrade -1", "'upgrade -1' goes the wrong way: use +N with upgrade and -N with downgrade.")]
    [InlineData("downgrade +1", "'downgrade +1' goes the wrong way: use +N with upgrade and -N with downgrade.")]
    [InlineData("upgrade SeedReserves", "Unknown migration target 'SeedReserves'.")]
    [InlineData("downgrade", "'downgrade' needs a target.")]
    [InlineData("check head", "Unexpected argument 'head' for 'check'.")]
    [InlineData("migrate head", "Unknown command 'migrate'.")]
    [InlineData("status --yaml", "Unexpected argument '--yaml' for 'status'.")]
    [InlineData("verify now", "Unexpected argument 'now' for 'verify'.")]
    [InlineData("sum a b", "Unexpected argument 'b' for 'sum'.")]
    public async Task A_refused_command_exits_2_with_one_line_and_changes_nothing(string arguments, string message)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await AssertSucceedsAsync(database, "upgrade", "SeedStartingEleven");

        var run = await InProcessWorker.RunAsync(database.Url, arguments.Split(' '));

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(Expand(message), run.Errors, StringComparison.Ordinal);
        Assert.Single(run.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("   at ", run.Errors, StringComparison.Ordinal);
        Assert.Equal("", run.Output);
        Assert.Equal([Migrations.CreatePlayersTable, Migrations.SeedStartingEleven], await database.AppliedMigrationsAsync());
        Assert.Equal(11, await database.PlayerCountAsync());
    }

    [Theory]
    [InlineData("upgrade -1")]
    [InlineData("upgrade +4")]
    [InlineData("downgrade -1")]
    [InlineData("downgrade head")]
    public async Task A_refused_command_on_a_missing_database_creates_nothing(string arguments)
    {
        await using var database = await MissingDatabase.CreateAsync(engine);

        var run = await InProcessWorker.RunAsync(database.Url, arguments.Split(' '));

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.False(await database.ExistsAsync());
    }

    [Fact]
    public async Task A_target_equal_to_the_current_migration_exits_0_and_does_nothing()
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await AssertSucceedsAsync(database, "upgrade", "SeedStartingEleven");

        var upgrade = await AssertSucceedsAsync(database, "upgrade", "SeedStartingEleven");
        var downgrade = await AssertSucceedsAsync(database, "downgrade", Migrations.SeedStartingEleven);

        Assert.Contains($"is already at {Migrations.SeedStartingEleven}: nothing to do", upgrade.Errors, StringComparison.Ordinal);
        Assert.Contains($"is already at {Migrations.SeedStartingEleven}: nothing to do", downgrade.Errors, StringComparison.Ordinal);
        Assert.Equal(11, await database.PlayerCountAsync());
    }

    [Fact]
    public async Task Without_arguments_the_configured_target_is_the_upgrade_target()
    {
        await using var database = await TestDatabase.CreateAsync(engine);

        var run = await InProcessWorker.RunAsync(
            database.Url, new Dictionary<string, string> { ["Players__Migrations__Target"] = "SeedStartingEleven" });

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(11, await database.PlayerCountAsync());
    }

    [Fact]
    public async Task Status_names_each_migration_applied_with_its_checksum_state_or_pending_and_the_current_one()
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await AssertSucceedsAsync(database, "upgrade", "SeedStartingEleven");

        var run = await AssertSucceedsAsync(database, "status");

        Assert.Equal(
            [
                $"current: {Migrations.SeedStartingEleven}",
                $"applied {Migrations.CreatePlayersTable} (checksum match)",
                $"applied {Migrations.SeedStartingEleven} (checksum match) (current)",
                $"pending {Migrations.SeedSubstitutes}",
            ],
            run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Status_json_gives_each_migration_the_pending_ones_and_the_current_one_on_stdout_alone()
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await AssertSucceedsAsync(database, "upgrade", "SeedStartingEleven");

        var run = await AssertSucceedsAsync(database, "status", "--json");

        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        Assert.Equal(["current", "migrations", "pending", "unknown"], root.EnumerateObject().Select(property => property.Name));
        Assert.Equal(Migrations.SeedStartingEleven, root.GetProperty("current").GetString());
        Assert.Equal(
            [
                (Migrations.CreatePlayersTable, "CreatePlayersTable", true),
                (Migrations.SeedStartingEleven, "SeedStartingEleven", true),
                (Migrations.SeedSubstitutes, "SeedSubstitutes", false),
            ],
            root.GetProperty("migrations").EnumerateArray().Select(migration =>
                (migration.GetProperty("id").GetString(), migration.GetProperty("name").GetString(), migration.GetProperty("applied").GetBoolean())));
        Assert.All(root.GetProperty("migrations").EnumerateArray(), migration =>
            Assert.Equal(["id", "name", "applied", "checksum", "appliedAt", "durationMs"], migration.EnumerateObject().Select(property => property.Name)));
        Assert.Equal(["match", "match", null], root.GetProperty("migrations").EnumerateArray().Select(migration => migration.GetProperty("checksum").GetString()));
        Assert.Equal(
            [(JsonValueKind.String, JsonValueKind.Number), (JsonValueKind.String, JsonValueKind.Number), (JsonValueKind.Null, JsonValueKind.Null)],
            root.GetProperty("migrations").EnumerateArray().Select(migration =>
                (migration.GetProperty("appliedAt").ValueKind, migration.GetProperty("durationMs").ValueKind)));
        Assert.Equal([Migrations.SeedSubstitutes], root.GetProperty("pending").EnumerateArray().Select(id => id.GetString()));
        Assert.Empty(root.GetProperty("unknown").EnumerateArray());
    }

    [Fact]
    public async Task Status_json_of_an_empty_database_has_current_0_and_everything_pending()
    {
        await using var database = await MissingDatabase.CreateAsync(engine);

        var run = await AssertSucceedsAsync(database, "status", "--json");

        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal("0", json.RootElement.GetProperty("current").GetString());
        Assert.Equal(Migrations.All, json.RootElement.GetProperty("pending").EnumerateArray().Select(id => id.GetString()));
        Assert.All(json.RootElement.GetProperty("migrations").EnumerateArray(), migration =>
        {
            Assert.False(migration.GetProperty("applied").GetBoolean());
            Assert.Equal(JsonValueKind.Null, migration.GetProperty("checksum").ValueKind);
            Assert.Equal(JsonValueKind.Null, migration.GetProperty("appliedAt").ValueKind);
            Assert.Equal(JsonValueKind.Null, migration.GetProperty("durationMs").ValueKind);
        });
        Assert.False(await database.ExistsAsync());
    }

    [Fact]
    public async Task Status_names_a_migration_the_database_applied_but_this_build_lacks_as_unknown()
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await AssertSucceedsAsync(database);
        await database.AddHistoryRowAsync(DatabaseState.UnknownMigration);

        var text = await AssertSucceedsAsync(database, "status");
        var json = await AssertSucceedsAsync(database, "status", "--json");

        Assert.Equal(
            $"unknown {DatabaseState.UnknownMigration} (applied, not in this build) (current)",
            text.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]);
        using var document = JsonDocument.Parse(json.Output);
        Assert.Equal([DatabaseState.UnknownMigration], document.RootElement.GetProperty("unknown").EnumerateArray().Select(id => id.GetString()));
        Assert.Equal(DatabaseState.UnknownMigration, document.RootElement.GetProperty("current").GetString());
        Assert.Empty(document.RootElement.GetProperty("pending").EnumerateArray());
        Assert.Equal(Migrations.All, document.RootElement.GetProperty("migrations").EnumerateArray().Select(m => m.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task A_migration_that_fails_exits_1_and_leaves_the_last_good_migration()
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await AssertSucceedsAsync(database, "upgrade", "CreatePlayersTable");
        await database.AddUserPlayerAsync(squadNumber: 10);

        var run = await InProcessWorker.RunAsync(database.Url, "upgrade");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("squad number 10 is held by Diego Maradona", run.Errors, StringComparison.Ordinal);
        Assert.Contains($"failed after", run.Errors, StringComparison.Ordinal);
        Assert.Equal([Migrations.CreatePlayersTable], await database.AppliedMigrationsAsync());
        Assert.Equal(1, await database.PlayerCountAsync());
    }

    [Fact]
    public async Task Script_prints_sql_that_builds_the_seeded_schema_and_touches_nothing()
    {
        await using var untouched = await MissingDatabase.CreateAsync(engine);
        await using var database = await TestDatabase.CreateAsync(engine);

        var run = await InProcessWorker.RunAsync(untouched.Url, "script");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("CREATE TABLE", run.Output, StringComparison.Ordinal);
        Assert.Contains("INSERT INTO", run.Output, StringComparison.Ordinal);
        Assert.False(await untouched.ExistsAsync());

        // The whole of stdout runs as SQL: no log line slipped into it.
        await database.ExecuteAsync(run.Output);
        Assert.Equal(25, await database.PlayerCountAsync());
        Assert.Equal(Migrations.All, await database.AppliedMigrationsAsync());
    }

    [Fact]
    public async Task Script_of_a_range_reverts_when_from_is_above_to()
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await AssertSucceedsAsync(database);

        var run = await InProcessWorker.RunAsync(database.Url, "script", "head", "CreatePlayersTable");

        Assert.True(run.ExitCode == 0, run.ToString());
        await database.ExecuteAsync(run.Output);
        Assert.Equal(0, await database.PlayerCountAsync());
        Assert.Equal([Migrations.CreatePlayersTable], await database.AppliedMigrationsAsync());
    }

    protected static async Task<ProcessRun> AssertSucceedsAsync(TestDatabase database, params string[] arguments)
    {
        var run = await InProcessWorker.RunAsync(database.Url, arguments);
        Assert.True(run.ExitCode == 0, run.ToString());
        return run;
    }

    private static string Expand(string message) => message
        .Replace("{CreatePlayersTable}", Migrations.CreatePlayersTable, StringComparison.Ordinal)
        .Replace("{SeedStartingEleven}", Migrations.SeedStartingEleven, StringComparison.Ordinal)
        .Replace("{SeedSubstitutes}", Migrations.SeedSubstitutes, StringComparison.Ordinal);
}
