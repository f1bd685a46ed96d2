using Npgsql;
using Players.Data;
using Players.Data.Migrating;
using Players.Tests.Infrastructure;
using MigrationIds = Players.Tests.Worker.Migrations;

namespace Players.Tests.LockWaits;

/// <summary>
/// A migrator whose role may not see other users' sessions (no superuser, no <c>pg_read_all_stats</c>), blocked by
/// another user's report: the blocker is still named, its hidden fields as <c>&lt;insufficient privilege&gt;</c>.
/// </summary>
[Trait("Tier", "Fast")]
public sealed class UnprivilegedMigratorTests
{
    private const string Hidden = "<insufficient privilege>";

    [Fact]
    public async Task A_role_that_cannot_see_other_users_queries_names_the_blocker_as_insufficient_privilege_rather_than_nothing()
    {
        var admin = await SharedPostgres.CreateDatabaseAsync("players_role");
        var role = $"players_migrator_{Guid.NewGuid():N}"[..40];
        var password = Guid.NewGuid().ToString("N");
        try
        {
            await ExecuteAsync(admin, $"CREATE ROLE {role} LOGIN PASSWORD '{password}' NOSUPERUSER", $"ALTER DATABASE \"{Database(admin)}\" OWNER TO {role}", $"ALTER SCHEMA public OWNER TO {role}");
            var connectionString = new NpgsqlConnectionStringBuilder(admin) { Username = role, Password = password }.ConnectionString;
            var target = new DatabaseTarget(DatabaseEngine.PostgreSql, connectionString, "PostgreSQL (unprivileged)", DatabaseSource.DatabaseUrl);
            await new PlayersMigrator(target, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance).UpgradeAsync();
            await using var report = await LongReport.StartAsync(admin);
            var budgets = new MigratorBudgets(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(2)) { LockWait = TimeSpan.FromMilliseconds(300) };

            var failure = await Assert.ThrowsAsync<MigrationLockTimeoutException>(
                () => new PlayersMigrator(target, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance, budgets).DowngradeAsync("base"));

            Assert.StartsWith($"Gave up on {MigrationIds.CreatePlayersTable} after ", failure.Message, StringComparison.Ordinal);
            Assert.Contains(
                $"pid {report.Pid} (application_name \"{LongReport.ApplicationName}\", state {Hidden}, how long {Hidden}, query {Hidden})",
                failure.Message,
                StringComparison.Ordinal);
            Assert.DoesNotContain(LongReport.Query, failure.Message, StringComparison.Ordinal);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await SharedPostgres.DropDatabaseAsync(admin);
            await ExecuteAsync(admin, $"DROP ROLE IF EXISTS {role}");
        }
    }

    private static string Database(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString).Database!;

    private static async Task ExecuteAsync(string connectionString, params string[] statements)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        try
        {
            await using var probe = new NpgsqlConnection(builder.ConnectionString);
            await probe.OpenAsync();
        }
        catch (PostgresException)
        {
            // The test's database is gone (dropped before the role): the role is removed from the server's own database.
            builder.Database = "postgres";
        }

        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        foreach (var statement in statements)
        {
            await using var command = new NpgsqlCommand(statement, connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
