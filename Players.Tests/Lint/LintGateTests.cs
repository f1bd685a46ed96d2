using Microsoft.Extensions.Logging.Abstractions;
using Players.Contracts;
using Players.Data;
using Players.Data.Migrating;
using Players.Data.Migrating.Engines;
using Players.Data.Migrating.Lint;
using Players.Tests.Infrastructure;
using Players.Tests.Integrity;
using Players.Tests.Worker;
using ThisBuild = Players.Tests.Worker.Migrations;

namespace Players.Tests.Lint;

/// <summary>Every upgrade and downgrade lints what it is about to run and refuses, changing nothing, on an error no allowance covers.</summary>
[Trait("Tier", "Fast")]
public sealed class LintGateTests
{
    [Theory]
    [InlineData(DatabaseEngine.Sqlite)]
    [InlineData(DatabaseEngine.PostgreSql)]
    public async Task An_upgrade_to_a_migration_with_an_error_is_refused_and_changes_nothing(DatabaseEngine engine)
    {
        await using var database = await AtHeadAsync(engine);

        var refused = await Assert.ThrowsAsync<MigrationLintException>(() => TestMigrator.With<RequireTeam>(database.Target).UpgradeAsync());

        Assert.Equal((TestMigrator.IdOf<RequireTeam>(), LintRules.ColumnMadeRequired), (Assert.Single(refused.Report.Refusing).MigrationId, refused.Report.Refusing[0].Rule));
        Assert.Contains("Nothing was changed", refused.Message, StringComparison.Ordinal);
        Assert.Equal(ThisBuild.All, await database.AppliedMigrationsAsync());
        await database.ExecuteAsync("UPDATE players SET team = NULL WHERE \"squadNumber\" = 10");
    }

    [Theory]
    [InlineData(DatabaseEngine.Sqlite)]
    [InlineData(DatabaseEngine.PostgreSql)]
    public async Task A_missing_database_is_not_created_for_a_refused_upgrade(DatabaseEngine engine)
    {
        var target = engine == DatabaseEngine.Sqlite
            ? DatabaseUrl.SqliteFile(Path.Combine(Path.GetTempPath(), $"players-lint-{Guid.NewGuid():N}.db"), DatabaseSource.DatabaseUrl)
            : new DatabaseTarget(engine, await SharedPostgres.MissingDatabaseAsync("players_lint_missing"), "PostgreSQL (test)", DatabaseSource.DatabaseUrl);

        await Assert.ThrowsAsync<MigrationLintException>(() => TestMigrator.With<DropLeagueColumn>(target).UpgradeAsync());

        Assert.False(await MigrationEngine.For(target).ExistsAsync(TimeSpan.FromSeconds(10), NullLogger.Instance, CancellationToken.None));
    }

    [Theory]
    [InlineData(DatabaseEngine.Sqlite)]
    [InlineData(DatabaseEngine.PostgreSql)]
    public async Task A_database_ahead_of_the_build_is_refused_with_2_before_lint(DatabaseEngine engine)
    {
        await using var database = await AtHeadAsync(engine);
        await database.AddHistoryRowAsync(DatabaseState.UnknownMigration);

        // Ahead of (and, with the test migration, diverged from) this build: a refusal with 2, whichever.
        await Assert.ThrowsAnyAsync<MigrationTargetException>(() => TestMigrator.With<RequireTeam>(database.Target).UpgradeAsync());
    }

    [Theory]
    [InlineData(DatabaseEngine.Sqlite)]
    [InlineData(DatabaseEngine.PostgreSql)]
    public async Task Drift_is_refused_with_3_before_lint(DatabaseEngine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await EditedMigrations.ApplyAsync<EditedMigrations.EditedSeedStartingEleven>(database);

        await Assert.ThrowsAsync<MigrationDriftException>(() => TestMigrator.With<RequireTeam>(database.Target).UpgradeAsync());
    }

    [Theory]
    [InlineData(DatabaseEngine.Sqlite)]
    [InlineData(DatabaseEngine.PostgreSql)]
    public async Task An_allowed_finding_is_applied(DatabaseEngine engine)
    {
        await using var database = await AtHeadAsync(engine);

        await TestMigrator.With<AllowedIndexOnTeam>(database.Target).UpgradeAsync();

        Assert.Equal([.. ThisBuild.All, TestMigrator.IdOf<AllowedIndexOnTeam>()], await database.AppliedMigrationsAsync());
    }

    [Theory]
    [InlineData(DatabaseEngine.Sqlite)]
    [InlineData(DatabaseEngine.PostgreSql)]
    public async Task A_downgrade_whose_down_constrains_an_earlier_migrations_column_is_refused_and_changes_nothing(DatabaseEngine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        var migrator = TestMigrator.With<RelaxFirstName>(database.Target);
        await migrator.UpgradeAsync();

        var refused = await Assert.ThrowsAsync<MigrationLintException>(() => migrator.DowngradeAsync("-1"));

        Assert.Equal(LintRules.ColumnMadeRequired, Assert.Single(refused.Report.Refusing).Rule);
        Assert.Equal([.. ThisBuild.All, TestMigrator.IdOf<RelaxFirstName>()], await database.AppliedMigrationsAsync());
    }

    [Theory]
    [InlineData(DatabaseEngine.Sqlite)]
    [InlineData(DatabaseEngine.PostgreSql)]
    public async Task A_downgrade_whose_down_removes_only_what_its_up_added_runs(DatabaseEngine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        var migrator = TestMigrator.With<AddNickname>(database.Target);
        await migrator.UpgradeAsync();

        await migrator.DowngradeAsync("-1");

        Assert.Equal(ThisBuild.All, await database.AppliedMigrationsAsync());
    }

    [Theory]
    [InlineData(DatabaseEngine.Sqlite)]
    [InlineData(DatabaseEngine.PostgreSql)]
    public async Task This_builds_migrations_go_down_to_base_and_up_again_without_allowances_for_their_downs(DatabaseEngine engine)
    {
        await using var database = await AtHeadAsync(engine);
        var migrator = new PlayersMigrator(database.Target, NullLoggerFactory.Instance);

        await migrator.DowngradeAsync("base");
        await migrator.UpgradeAsync();

        Assert.Equal(ThisBuild.All, await database.AppliedMigrationsAsync());
    }

    [Theory]
    [InlineData(DatabaseEngine.Sqlite)]
    [InlineData(DatabaseEngine.PostgreSql)]
    public async Task The_worker_exits_5_for_a_refused_upgrade(DatabaseEngine engine)
    {
        await using var database = await AtHeadAsync(engine);

        var (exitCode, output) = await LintCommandTests.RunAsync(database.Url, TestMigrator.Appending(typeof(RequireTeam)), "upgrade");

        Assert.Equal(WorkerExitCodes.LintRefused, exitCode);
        Assert.Empty(output);
        Assert.Equal(ThisBuild.All, await database.AppliedMigrationsAsync());
    }

    private static async Task<TestDatabase> AtHeadAsync(DatabaseEngine engine)
    {
        var database = await TestDatabase.CreateAsync(engine);
        await new PlayersMigrator(database.Target, NullLoggerFactory.Instance).UpgradeAsync();
        return database;
    }
}
