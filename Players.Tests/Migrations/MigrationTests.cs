using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Players.Data;
using Players.Data.Model;
using Players.Data.Seed;
using Players.Tests.Infrastructure;

namespace Players.Tests.Migrations;

/// <summary>The three migrations, applied and reverted through EF's own migrator, on one engine.</summary>
[Trait("Tier", "Fast")]
public abstract class MigrationTests(DatabaseEngine engine)
{
    [Fact]
    public async Task Latest_holds_the_25_seeded_players_with_their_uuid_v5_ids()
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await MigrateAsync(database, null);

        await using var db = database.CreateContext();
        var players = await db.Players.AsNoTracking().ToListAsync();

        Assert.Equal(25, players.Count);
        foreach (var expected in SeedPlayers.All)
        {
            var player = Assert.Single(players, p => p.SquadNumber == expected.SquadNumber);
            Assert.Equal(SeedIds.For(expected.FirstName, expected.LastName), player.Id);
            Assert.Equal(
                expected,
                new SeedPlayers.Expected(player.FirstName, player.MiddleName, player.LastName, expected.DateOfBirth,
                    player.SquadNumber, player.Position, player.AbbrPosition, player.Team, player.League, player.Starting11));
            Assert.Equal(expected.Birthday, player.DateOfBirth);
        }

        Assert.Equal(11, players.Count(p => p.Starting11 == true));
        Assert.Equal(14, players.Count(p => p.Starting11 == false));
    }

    [Fact]
    public async Task Reverting_step_by_step_removes_exactly_what_each_migration_added()
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await MigrateAsync(database, null);

        await MigrateAsync(database, MigrationNames.SeedStartingEleven);
        Assert.Equal(SeedPlayers.StartingEleven.Select(p => p.SquadNumber).Order(), await SquadNumbersAsync(database));

        await MigrateAsync(database, MigrationNames.CreatePlayersTable);
        Assert.Empty(await SquadNumbersAsync(database));

        await MigrateAsync(database, MigrationNames.Base);
        Assert.False(await TableExistsAsync(database));

        await MigrateAsync(database, null);
        Assert.Equal(SeedPlayers.All.Select(p => p.SquadNumber).Order(), await SquadNumbersAsync(database));
    }

    [Fact]
    public async Task A_player_created_by_a_user_survives_reverting_the_substitutes()
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await MigrateAsync(database, null);
        await AddPlayerAsync(database, squadNumber: 99);

        await MigrateAsync(database, MigrationNames.SeedStartingEleven);

        Assert.Equal([.. SeedPlayers.StartingEleven.Select(p => p.SquadNumber).Order(), 99], await SquadNumbersAsync(database));
    }

    [Fact]
    public async Task Seeding_fails_naming_the_squad_number_and_the_player_who_holds_it()
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await MigrateAsync(database, MigrationNames.CreatePlayersTable);
        await AddPlayerAsync(database, squadNumber: 10);

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => MigrateAsync(database, MigrationNames.SeedStartingEleven));

        Assert.Contains("squad number 10 is held by Diego Maradona", failure.Message, StringComparison.Ordinal);
        await using var db = database.CreateContext();
        Assert.Equal([MigrationNames.CreatePlayersTable], (await db.Database.GetAppliedMigrationsAsync()).Select(NameOf));
        Assert.Equal([10], await SquadNumbersAsync(database));
    }

    [Fact]
    public async Task Inserting_a_duplicate_squad_number_fails()
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await MigrateAsync(database, null);

        await Assert.ThrowsAsync<DbUpdateException>(() => AddPlayerAsync(database, squadNumber: 10));
    }

    [Fact]
    public async Task Date_of_birth_round_trips_exactly_in_a_timezone_west_of_utc()
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await MigrateAsync(database, null);

        using (new LocalTimeZone("America/Argentina/Buenos_Aires"))
        {
            Assert.Equal(TimeSpan.FromHours(-3), TimeZoneInfo.Local.BaseUtcOffset);
            await AddPlayerAsync(database, squadNumber: 99, dateOfBirth: new DateOnly(1960, 10, 30));

            await using var db = database.CreateContext();
            var players = await db.Players.AsNoTracking().ToDictionaryAsync(p => p.SquadNumber);

            Assert.Equal(new DateOnly(1960, 10, 30), players[99].DateOfBirth);
            Assert.All(SeedPlayers.All, expected => Assert.Equal(expected.Birthday, players[expected.SquadNumber].DateOfBirth));
        }
    }

    [Fact]
    public async Task Neither_provider_reports_pending_model_changes()
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await using var db = database.CreateContext();

        Assert.False(db.Database.HasPendingModelChanges());
    }

    protected static async Task MigrateAsync(TestDatabase database, string? target)
    {
        await using var db = database.CreateContext();
        await db.GetService<IMigrator>().MigrateAsync(target);
    }

    protected static async Task<List<int>> SquadNumbersAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        return await db.Players.Select(p => p.SquadNumber).OrderBy(n => n).ToListAsync();
    }

    protected static async Task AddPlayerAsync(TestDatabase database, int squadNumber, DateOnly? dateOfBirth = null)
    {
        await using var db = database.CreateContext();
        db.Players.Add(new Player
        {
            Id = Guid.NewGuid().ToString(),
            FirstName = "Diego",
            LastName = "Maradona",
            Position = "Attacking Midfield",
            SquadNumber = squadNumber,
            DateOfBirth = dateOfBirth,
        });
        await db.SaveChangesAsync();
    }

    private static async Task<bool> TableExistsAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = database.Engine == DatabaseEngine.Sqlite
            ? "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'players'"
            : "SELECT count(*) FROM information_schema.tables WHERE table_name = 'players'";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) == 1;
    }

    private static string NameOf(string migrationId) => migrationId[(migrationId.IndexOf('_', StringComparison.Ordinal) + 1)..];
}

public sealed class SqliteMigrationTests() : MigrationTests(DatabaseEngine.Sqlite);

public sealed class PostgresMigrationTests() : MigrationTests(DatabaseEngine.PostgreSql)
{
    [Fact]
    public async Task The_id_column_is_character_varying_36()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseEngine.PostgreSql);
        await MigrateAsync(database, null);
        await using var db = database.CreateContext();

        var columns = await db.Database.SqlQuery<ColumnType>(
                $"""SELECT data_type AS "DataType", character_maximum_length AS "MaxLength" FROM information_schema.columns WHERE table_name = 'players' AND column_name = 'id'""")
            .ToListAsync();

        Assert.Equal(new ColumnType("character varying", 36), Assert.Single(columns));
    }

    [Fact]
    public async Task The_generated_script_declares_the_id_as_character_varying_36()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseEngine.PostgreSql);
        await using var db = database.CreateContext();

        var script = db.GetService<IMigrator>().GenerateScript();

        Assert.Contains("id character varying(36) NOT NULL", script, StringComparison.Ordinal);
        Assert.Contains("\"dateOfBirth\" date", script, StringComparison.Ordinal);
    }

    private sealed record ColumnType(string DataType, int? MaxLength);
}
