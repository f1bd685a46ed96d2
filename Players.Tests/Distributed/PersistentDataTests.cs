using Npgsql;

namespace Players.Tests.Distributed;

/// <summary>The local PostgreSQL keeps its data directory between runs, like a container volume would.</summary>
[Trait("Tier", "Process")]
public sealed class PersistentDataTests
{
    // Each history row with the transaction that inserted it: re-applying a migration would change it.
    private const string HistoryWithWriters =
        """SELECT string_agg("MigrationId" || '@' || xmin::text, ', ' ORDER BY "MigrationId") FROM "__EFMigrationsHistory" """;

    [Fact]
    public async Task A_second_start_on_the_same_data_directory_applies_nothing_and_keeps_a_row_created_by_the_first()
    {
        using var data = new TemporaryDataDirectory();
        object? historyAfterFirstRun;
        await using (var first = await PlayersAppHost.StartAsync(new PlayersAppHostOptions(data.Path)))
        {
            await first.WaitForMigrationsToFinishAsync();
            var connectionString = await first.GetDatabaseConnectionStringAsync();
            await ExecuteAsync(connectionString,
                """INSERT INTO players (id, "firstName", "lastName", position, "squadNumber") VALUES ('0f5a3a57-49e3-4f4c-9d55-2a4c2d0d0a01', 'Kept', 'Between-Runs', 'Defender', 88)""");
            historyAfterFirstRun = await ScalarAsync(connectionString, HistoryWithWriters);
        }

        await using var second = await PlayersAppHost.StartAsync(new PlayersAppHostOptions(data.Path));
        var migrations = await second.WaitForMigrationsToFinishAsync();
        var connectionStringOfSecond = await second.GetDatabaseConnectionStringAsync();
        var keptRows = await ScalarAsync(connectionStringOfSecond, """SELECT count(*) FROM players WHERE "squadNumber" = 88""");
        var allRows = await ScalarAsync(connectionStringOfSecond, "SELECT count(*) FROM players");

        if (migrations.Snapshot.ExitCode != 0)
        {
            Assert.Fail($"The worker exited {migrations.Snapshot.ExitCode}, not 0:\n{await second.ReadMigrationsLogAsync()}");
        }
        Assert.Equal(historyAfterFirstRun, await ScalarAsync(connectionStringOfSecond, HistoryWithWriters));
        Assert.Equal(1L, keptRows);
        Assert.Equal(26L, allRows);
    }

    private static async Task ExecuteAsync(string? connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(string? connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
