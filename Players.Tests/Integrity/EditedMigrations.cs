#pragma warning disable EF1001 // MigrationsAssembly is the type EF itself uses to find migrations; a test substitutes one.
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Internal;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Players.Data;
using Players.Data.Migrations;
using Players.Tests.Infrastructure;

namespace Players.Tests.Integrity;

/// <summary>
/// Copies of <c>SeedStartingEleven</c> with its id, as another build of the code would have them. A database migrated
/// in process with a copy has run that copy's code (and recorded its checksum); the real worker then compares it with
/// this build's migration.
/// </summary>
public static class EditedMigrations
{
    /// <summary>Upgrades <paramref name="database"/> to SeedStartingEleven through EF's own migrator, with <typeparamref name="TCopy"/> in its place.</summary>
    public static async Task ApplyAsync<TCopy>(TestDatabase database)
        where TCopy : SeedStartingEleven
    {
        var options = new DbContextOptionsBuilder<PlayersDbContext>()
            .UsePlayersDatabase(database.Target)
            .ReplaceService<IMigrationsAssembly, SubstitutedMigrationsAssembly<TCopy>>()
            .Options;
        await using var db = new PlayersDbContext(options);
        await db.Database.MigrateAsync(Worker.Migrations.SeedStartingEleven);
    }

    /// <summary>A corrected team: what a well-meant edit of an applied seed migration looks like.</summary>
    public sealed class EditedSeedStartingEleven : SeedStartingEleven
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            base.Up(migrationBuilder);
            var insert = migrationBuilder.Operations.OfType<InsertDataOperation>().Single();
            insert.Values = (object?[,])insert.Values.Clone(); // the original's rows are a shared static array
            insert.Values[9, 8] = "Inter Miami CF";
        }
    }

    /// <summary>The same operations, reformatted: C# comments, CRLF line endings and trailing whitespace in the seed guard's SQL.</summary>
    public sealed class ReformattedSeedStartingEleven : SeedStartingEleven
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A comment a reviewer added changes nothing the migration does.
            base.Up(migrationBuilder);
            foreach (var sql in migrationBuilder.Operations.OfType<SqlOperation>())
            {
                /* Saved on Windows, with an editor that keeps trailing blanks. */
                sql.Sql = string.Join("\r\n", sql.Sql.Split('\n').Select(line => line + "  \t")) + "\r\n\r\n";
            }
        }
    }

    /// <summary>Players.Data's migrations with <typeparamref name="TCopy"/> instead of the migration of the same id.</summary>
    private sealed class SubstitutedMigrationsAssembly<TCopy>(
        ICurrentDbContext currentContext,
        IDbContextOptions options,
        IMigrationsIdGenerator idGenerator,
        IDiagnosticsLogger<DbLoggerCategory.Migrations> logger)
        : MigrationsAssembly(currentContext, options, idGenerator, logger)
        where TCopy : Migration
    {
        public override IReadOnlyDictionary<string, TypeInfo> Migrations =>
            base.Migrations.ToDictionary(
                pair => pair.Key,
                pair => pair.Key == Worker.Migrations.SeedStartingEleven ? typeof(TCopy).GetTypeInfo() : pair.Value);
    }
}
