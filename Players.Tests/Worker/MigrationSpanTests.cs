using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Players.Data;
using Players.Data.Migrating;
using Players.Data.Migrating.Telemetry;
using Players.Tests.Infrastructure;

namespace Players.Tests.Worker;

/// <summary>The spans of a migration run, captured in process with an ActivityListener, on one engine.</summary>
[Trait("Tier", "Fast")]
public abstract class MigrationSpanTests(DatabaseEngine engine, string dbSystem)
{
    [Fact]
    public async Task An_upgrade_has_a_client_root_span_and_one_apply_span_per_migration()
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        using var spans = new SpanRecorder();

        await Migrator(database).UpgradeAsync();

        var root = spans.Root(Namespace(database));
        Assert.Equal(ActivityKind.Client, root.Kind);
        Assert.Equal(ActivityStatusCode.Unset, root.Status);
        Assert.Equal(dbSystem, root.GetTagItem("db.system"));
        Assert.Equal("upgrade", root.GetTagItem("migrations.command"));
        Assert.Equal("0", root.GetTagItem("migrations.from"));
        Assert.Equal(Migrations.SeedSubstitutes, root.GetTagItem("migrations.to"));
        Assert.Equal(3, root.GetTagItem("migrations.applied"));
        var children = spans.ChildrenOf(root);
        Assert.Equal(Migrations.All.Select(id => $"apply {id}"), children.Select(child => child.OperationName));
        Assert.All(children, child => Assert.Equal(ActivityKind.Internal, child.Kind));
    }

    [Fact]
    public async Task A_downgrade_has_one_revert_span_per_migration_it_reverts()
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        var migrator = Migrator(database);
        await migrator.UpgradeAsync();
        using var spans = new SpanRecorder();

        await migrator.DowngradeAsync("-2");

        var root = spans.Root(Namespace(database));
        Assert.Equal("downgrade", root.GetTagItem("migrations.command"));
        Assert.Equal(Migrations.SeedSubstitutes, root.GetTagItem("migrations.from"));
        Assert.Equal(Migrations.CreatePlayersTable, root.GetTagItem("migrations.to"));
        Assert.Equal(2, root.GetTagItem("migrations.applied"));
        Assert.Equal(
            [$"revert {Migrations.SeedSubstitutes}", $"revert {Migrations.SeedStartingEleven}"],
            spans.ChildrenOf(root).Select(child => child.OperationName));
    }

    [Fact]
    public async Task A_failing_migration_marks_its_span_and_the_root_as_errors_with_the_exception()
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        var migrator = Migrator(database);
        await migrator.UpgradeAsync("CreatePlayersTable");
        await database.AddUserPlayerAsync(squadNumber: 10);
        using var spans = new SpanRecorder();

        await Assert.ThrowsAnyAsync<Exception>(() => migrator.UpgradeAsync());

        var root = spans.Root(Namespace(database));
        Assert.Equal(ActivityStatusCode.Error, root.Status);
        Assert.Equal(0, root.GetTagItem("migrations.applied"));
        var failed = Assert.Single(spans.ChildrenOf(root));
        Assert.Equal($"apply {Migrations.SeedStartingEleven}", failed.OperationName);
        Assert.Equal(ActivityStatusCode.Error, failed.Status);
        Assert.Contains("squad number 10 is held by Diego Maradona", failed.StatusDescription, StringComparison.Ordinal);
        foreach (var span in new[] { root, failed })
        {
            var exception = Assert.Single(span.Events, e => e.Name == "exception");
            Assert.Contains(exception.Tags, tag => tag.Key == "exception.message" && ((string)tag.Value!).Contains("squad number 10", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_run_with_nothing_to_do_has_a_root_span_and_no_children()
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        var migrator = Migrator(database);
        await migrator.UpgradeAsync();
        using var spans = new SpanRecorder();

        var result = await migrator.UpgradeAsync("head");

        var root = spans.Root(Namespace(database));
        Assert.Equal(0, result.Count);
        Assert.Equal(Migrations.SeedSubstitutes, root.GetTagItem("migrations.from"));
        Assert.Equal(Migrations.SeedSubstitutes, root.GetTagItem("migrations.to"));
        Assert.Equal(0, root.GetTagItem("migrations.applied"));
        Assert.Empty(spans.ChildrenOf(root));
    }

    private static PlayersMigrator Migrator(TestDatabase database) => new(database.Target, NullLoggerFactory.Instance);

    private static string Namespace(TestDatabase database) => SpanRecorder.NamespaceOf(database.Target);
}

public sealed class SqliteMigrationSpanTests() : MigrationSpanTests(DatabaseEngine.Sqlite, "sqlite")
{
    [Fact]
    public async Task A_database_that_cannot_be_opened_marks_the_root_span_as_an_error()
    {
        var path = Path.Combine(Path.GetTempPath(), $"players-missing-{Guid.NewGuid():N}", "players.db");
        var target = DatabaseUrl.SqliteFile(path, DatabaseSource.DatabaseUrl);
        using var spans = new SpanRecorder();

        await Assert.ThrowsAsync<DatabaseUnreachableException>(() => new PlayersMigrator(target, NullLoggerFactory.Instance).UpgradeAsync());

        var root = spans.Root(path);
        Assert.Equal(ActivityStatusCode.Error, root.Status);
        Assert.Single(root.Events, e => e.Name == "exception");
        Assert.Empty(spans.ChildrenOf(root));
    }
}

public sealed class PostgresMigrationSpanTests() : MigrationSpanTests(DatabaseEngine.PostgreSql, "postgresql")
{
    [Fact]
    public async Task Npgsql_command_spans_nest_under_the_migration_that_ran_them()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseEngine.PostgreSql);
        using var spans = new SpanRecorder("Npgsql");

        await new PlayersMigrator(database.Target, NullLoggerFactory.Instance).UpgradeAsync("CreatePlayersTable");

        var root = spans.Root(new NpgsqlConnectionStringBuilder(database.Target.ConnectionString).Database!);
        var apply = Assert.Single(spans.ChildrenOf(root), span => span.Source.Name == MigrationTelemetry.SourceName);
        Assert.Equal($"apply {Migrations.CreatePlayersTable}", apply.OperationName);
        Assert.Contains(spans.ChildrenOf(apply), command => command.Source.Name == "Npgsql");
    }
}
