using Npgsql;
using Players.Data;
using Players.Data.Migrating.Engines.Postgres;
using Players.Tests.Infrastructure;

namespace Players.Tests.Worker;

[Trait("Tier", "Fast")]
public sealed class PostgresWorkerTests() : WorkerCommandTests(DatabaseEngine.PostgreSql)
{
    [Fact]
    public async Task An_unreachable_server_exits_1_within_the_connect_budget()
    {
        var closedPort = LoopbackPort.Free();

        var run = await InProcessWorker.RunAsync(
            $"postgresql://postgres:s3cret@127.0.0.1:{closedPort}/players",
            new Dictionary<string, string> { ["Players__Migrations__ConnectTimeoutSeconds"] = "3" },
            "upgrade");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.InRange(run.Elapsed, TimeSpan.FromSeconds(2.5), TimeSpan.FromSeconds(3 + 30));
        Assert.Contains($"Cannot reach PostgreSQL postgres@127.0.0.1:{closedPort}/players within 3 s", run.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_waits_for_another_migrator_no_longer_than_the_lock_budget()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseEngine.PostgreSql);
        await using var otherMigrator = new NpgsqlConnection(database.Target.ConnectionString + ";Pooling=false");
        await otherMigrator.OpenAsync();
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({PostgresRunLock.Key})", otherMigrator))
        {
            await take.ExecuteScalarAsync();
        }

        var run = await InProcessWorker.RunAsync(
            database.Url, new Dictionary<string, string> { ["Players__Migrations__LockTimeoutSeconds"] = "2" }, "upgrade");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.InRange(run.Elapsed, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2 + 30));
        Assert.Contains("Gave up after 2 s waiting for the migration lock", run.Errors, StringComparison.Ordinal);
        Assert.Null(await database.PlayerCountAsync());
    }

    [Fact]
    public async Task Status_of_an_unreachable_server_exits_1()
    {
        var run = await InProcessWorker.RunAsync(
            $"postgresql://postgres@127.0.0.1:{LoopbackPort.Free()}/players",
            new Dictionary<string, string> { ["Players__Migrations__ConnectTimeoutSeconds"] = "1" },
            "status");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal("", run.Output);
    }

    [Fact]
    public async Task The_script_declares_the_id_as_character_varying_36_and_can_be_idempotent()
    {
        await using var database = await MissingDatabase.CreateAsync(DatabaseEngine.PostgreSql);

        var plain = await InProcessWorker.RunAsync(database.Url, "script");
        var idempotent = await InProcessWorker.RunAsync(database.Url, "script", "base", "head", "--idempotent");

        Assert.True(plain.ExitCode == 0, plain.ToString());
        Assert.Contains("id character varying(36) NOT NULL", plain.Output, StringComparison.Ordinal);
        Assert.True(idempotent.ExitCode == 0, idempotent.ToString());
        Assert.Contains($"IF NOT EXISTS(SELECT 1 FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = '{Migrations.SeedSubstitutes}')", idempotent.Output, StringComparison.Ordinal);
        Assert.False(await database.ExistsAsync());
    }

    [Fact]
    public async Task Unlock_has_nothing_to_remove_because_the_postgresql_lock_ends_with_its_session()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseEngine.PostgreSql);

        var run = await AssertSucceedsAsync(database, "unlock");

        Assert.Contains("never a stale lock", run.Output, StringComparison.Ordinal);
    }
}
