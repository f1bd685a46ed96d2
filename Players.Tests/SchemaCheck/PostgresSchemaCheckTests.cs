using Npgsql;
using Players.Data;
using Players.Data.Migrating.Engines.Postgres;
using Players.Tests.Infrastructure;
using Players.Tests.Worker;

namespace Players.Tests.SchemaCheck;

[Trait("Tier", "Fast")]
public sealed class PostgresSchemaCheckTests() : SchemaCheckTests(DatabaseEngine.PostgreSql)
{
    protected override string TextType => "text";

    protected override Task AlterTeamByHandAsync(TestDatabase database) => database.ExecuteAsync(
        "ALTER TABLE players ALTER COLUMN team TYPE varchar(50); ALTER TABLE players ALTER COLUMN team SET NOT NULL");

    protected override string IntegerType => "integer";

    protected override Task SetSquadNumberDefaultByHandAsync(TestDatabase database) =>
        database.ExecuteAsync("""ALTER TABLE players ALTER COLUMN "squadNumber" SET DEFAULT 99""");

    // The session-level advisory lock every migration run holds from reading the current migration to its end.
    protected override async Task<IAsyncDisposable> HoldMigrationLockAsync(TestDatabase database)
    {
        var otherMigrator = new NpgsqlConnection(database.Target.ConnectionString + ";Pooling=false");
        await otherMigrator.OpenAsync();
        await using var take = new NpgsqlCommand($"SELECT pg_advisory_lock({PostgresRunLock.Key})", otherMigrator);
        await take.ExecuteScalarAsync();
        return otherMigrator;
    }

    [Fact]
    public async Task An_unreachable_server_exits_1()
    {
        var closedPort = LoopbackPort.Free();

        var check = await InProcessWorker.RunAsync(
            $"postgresql://postgres:s3cret@127.0.0.1:{closedPort}/players",
            new Dictionary<string, string> { ["Players__Migrations__ConnectTimeoutSeconds"] = "1" },
            "check");

        Assert.True(check.ExitCode == 1, check.ToString());
        Assert.Equal("", check.Output);
        Assert.DoesNotContain("s3cret", check.Errors, StringComparison.Ordinal);
    }
}
