using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Players.Data;
using Players.Data.Configuration;
using Players.Data.Model;
using Players.Tests.Infrastructure;

namespace Players.Tests.Migrations;

/// <summary>
/// SQLite cannot ALTER a column; EF Core's SQLite provider rebuilds the table instead (Alembic's render_as_batch).
/// </summary>
[Trait("Tier", "Fast")]
public sealed class SqliteTableRebuildTests
{
    [Fact]
    public async Task A_column_change_rebuilds_the_players_table_and_keeps_every_row()
    {
        await using var database = new SqliteTestDatabase();
        await using (var db = database.CreateContext())
        {
            await db.Database.MigrateAsync();
        }

        var before = await ReadAllAsync(database);
        await using var changed = new ChangedSchemaContext(database.Target);
        var commands = await ApplyModelChangeAsync(database, changed);

        Assert.Contains(commands, command => command.CommandText.Contains("ef_temp_players", StringComparison.Ordinal));
        Assert.Equal(before, await ReadAllAsync(database));
        await Assert.ThrowsAsync<DbUpdateException>(() => InsertDuplicateSquadNumberAsync(changed));
    }

    private static async Task<IReadOnlyList<MigrationCommand>> ApplyModelChangeAsync(TestDatabase database, ChangedSchemaContext changed)
    {
        await using var current = database.CreateContext();
        var from = current.GetService<IDesignTimeModel>().Model.GetRelationalModel();
        var to = changed.GetService<IDesignTimeModel>().Model;

        var operations = changed.GetService<IMigrationsModelDiffer>().GetDifferences(from, to.GetRelationalModel());
        var commands = changed.GetService<IMigrationsSqlGenerator>().Generate(operations, to);
        await changed.GetService<IMigrationCommandExecutor>().ExecuteNonQueryAsync(commands, changed.GetService<IRelationalConnection>());
        return commands;
    }

    private static async Task<List<string>> ReadAllAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        var players = await db.Players.AsNoTracking().OrderBy(p => p.SquadNumber).ToListAsync();
        return players.ConvertAll(p => System.Text.Json.JsonSerializer.Serialize(p));
    }

    private static Task InsertDuplicateSquadNumberAsync(ChangedSchemaContext changed)
    {
        changed.Set<Player>().Add(new Player { Id = Guid.NewGuid().ToString(), FirstName = "A", LastName = "B", Position = "C", SquadNumber = 10 });
        return changed.SaveChangesAsync();
    }

    /// <summary>The players model with one column changed, as a later migration would change it.</summary>
    private sealed class ChangedSchemaContext(DatabaseTarget target) : DbContext(
        new DbContextOptionsBuilder<ChangedSchemaContext>().UsePlayersDatabase(target).Options)
    {
        protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
            configurationBuilder.Conventions.Add(_ => new CamelCaseColumnNameConvention());

        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            modelBuilder.ApplyConfiguration(new PlayerConfiguration());
            modelBuilder.Entity<Player>().Property(p => p.FirstName).HasMaxLength(100);
            modelBuilder.Entity<Player>().Property(p => p.Team).HasDefaultValue("Free agent");
        }
    }
}
