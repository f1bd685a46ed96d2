using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Players.Data;
using Players.Data.Changes;
using Players.Data.Migrating;
using Players.Tests.Infrastructure;
using Players.Tests.Worker;

namespace Players.Tests.Changes;

/// <summary>
/// Every migration announces itself on the change channel from its own transaction, so that a run that fails or is
/// killed after any committed migration leaves no API process with a list older than that commit. What
/// <c>dotnet ef database update</c> announces is asserted with its other effects in DotnetEfIntegrityTests.
/// </summary>
[Trait("Tier", "Fast")]
public sealed class MigrationAnnouncementTests
{
    private static readonly TimeSpan HearBound = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task An_upgrade_that_fails_at_the_third_migration_still_announces_the_second_it_committed()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseEngine.PostgreSql);
        await Migrator(database).UpgradeAsync(Worker.Migrations.CreatePlayersTable);
        // Squad number 1 belongs to a substitute: SeedSubstitutes refuses to seed over it.
        await database.ExecuteAsync("""
            INSERT INTO players (id, "firstName", "lastName", "squadNumber", position)
            VALUES ('00000000-0000-4000-8000-000000000001', 'Held', 'Number', 1, 'Goalkeeper')
            """);
        await using var listener = await ChannelListener.StartAsync(database);

        await Assert.ThrowsAsync<PostgresException>(() => Migrator(database).UpgradeAsync());

        Assert.Equal([Worker.Migrations.CreatePlayersTable, Worker.Migrations.SeedStartingEleven], await database.AppliedMigrationsAsync());
        Assert.Equal([ChangeChannel.SchemaChanged], await listener.HeardAsync(Settle));
    }

    [Fact]
    public async Task A_downgrade_that_fails_at_the_table_drop_announces_each_of_the_two_reverts_it_committed()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseEngine.PostgreSql);
        await Migrator(database).UpgradeAsync();
        // A view depends on the table, so DROP TABLE players fails after both seed reverts committed.
        await database.ExecuteAsync("CREATE VIEW squad AS SELECT \"squadNumber\" FROM players");
        await using var listener = await ChannelListener.StartAsync(database);

        await Assert.ThrowsAsync<PostgresException>(() => Migrator(database).DowngradeAsync("base"));

        Assert.Equal([Worker.Migrations.CreatePlayersTable], await database.AppliedMigrationsAsync());
        Assert.Equal([ChangeChannel.SchemaChanged, ChangeChannel.SchemaChanged], await listener.HeardAsync(Settle));
    }

    [Fact]
    public async Task Each_revert_is_heard_on_its_commit_while_the_run_still_waits_to_drop_the_table()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseEngine.PostgreSql);
        await Migrator(database).UpgradeAsync();
        await using var listener = await ChannelListener.StartAsync(database);
        await using var reader = new NpgsqlConnection(database.Target.ConnectionString + ";Pooling=false");
        await reader.OpenAsync();
        var readTransaction = await reader.BeginTransactionAsync();
        await using (var read = new NpgsqlCommand("SELECT count(*) FROM players", reader, readTransaction))
        {
            await read.ExecuteScalarAsync();
        }

        var downgrade = Migrator(database).DowngradeAsync("base");

        Assert.Equal(ChangeChannel.SchemaChanged, await listener.NextAsync(HearBound));
        Assert.Equal(ChangeChannel.SchemaChanged, await listener.NextAsync(HearBound));
        Assert.False(downgrade.IsCompleted, "the run should still wait for the reader's lock on players");
        await readTransaction.CommitAsync();
        var result = await downgrade.WaitAsync(HearBound);

        Assert.Equal(3, result.Count);
        Assert.Equal([ChangeChannel.SchemaChanged], await listener.HeardAsync(Settle));
    }

    [Fact]
    public async Task An_idempotent_script_announces_each_migration_it_applies_and_nothing_when_run_again()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseEngine.PostgreSql);
        var script = Migrator(database).Script(idempotent: true);
        await using var listener = await ChannelListener.StartAsync(database);

        await RunScriptAsync(database, script);
        var first = await listener.HeardAsync(Settle);
        await RunScriptAsync(database, script);
        var second = await listener.HeardAsync(Settle);

        Assert.Equal(Enumerable.Repeat(ChangeChannel.SchemaChanged, Worker.Migrations.All.Length), first);
        Assert.Empty(second);
        Assert.Equal(25, await database.PlayerCountAsync());
    }

    private static PlayersMigrator Migrator(TestDatabase database) => new(database.Target, NullLoggerFactory.Instance);

    private static async Task RunScriptAsync(TestDatabase database, string script)
    {
        await using var connection = new NpgsqlConnection(database.Target.ConnectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(script, connection);
        await command.ExecuteNonQueryAsync();
    }
}
