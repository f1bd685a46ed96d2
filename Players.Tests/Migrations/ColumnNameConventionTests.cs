using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Design;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.Extensions.DependencyInjection;
using Players.Data;
using Players.Data.Configuration;
using Players.Data.Model;
using Players.Tests.Infrastructure;

namespace Players.Tests.Migrations;

/// <summary>
/// Column names come from one convention (camelCase of the property), and the model it builds is exactly the one the
/// committed migrations were generated from.
/// </summary>
[Trait("Tier", "Fast")]
public sealed class ColumnNameConventionTests
{
    private const string MigrationsNamespace = "Players.Data.Migrations";

    [Fact]
    public async Task Every_column_is_its_property_name_in_camel_case()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseEngine.Sqlite);
        await using var db = database.CreateContext();
        var player = db.GetService<IDesignTimeModel>().Model.FindEntityType(typeof(Player))!;

        Assert.Equal(
            ["abbrPosition", "dateOfBirth", "firstName", "id", "lastName", "league", "middleName", "position", "squadNumber", "starting11", "team"],
            player.GetProperties().Select(property => property.GetColumnName()).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(DatabaseEngine.Sqlite)]
    [InlineData(DatabaseEngine.PostgreSql)]
    public async Task Migrations_add_on_the_unchanged_model_writes_the_committed_snapshot_byte_for_byte(DatabaseEngine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await using var db = database.CreateContext();

        var scaffolded = DesignTime.ServicesFor(db).GetRequiredService<IMigrationsScaffolder>().ScaffoldMigration("Probe", "Players.Data");

        Assert.Equal(Committed("PlayersDbContextModelSnapshot.cs"), scaffolded.SnapshotCode);
    }

    [Theory]
    [InlineData(DatabaseEngine.Sqlite)]
    [InlineData(DatabaseEngine.PostgreSql)]
    public async Task The_model_still_generates_the_committed_CreatePlayersTable_migration_and_designer_byte_for_byte(DatabaseEngine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await using var db = database.CreateContext();
        var designTime = DesignTime.ServicesFor(db);
        var model = db.GetService<IDesignTimeModel>().Model;
        var differ = designTime.GetRequiredService<IMigrationsModelDiffer>();
        var generator = designTime.GetRequiredService<IMigrationsCodeGeneratorSelector>().Select(language: null);
        var id = db.GetService<IMigrationsAssembly>().Migrations.Keys.First();

        var migration = generator.GenerateMigration(
            MigrationsNamespace, "CreatePlayersTable",
            differ.GetDifferences(null, model.GetRelationalModel()), differ.GetDifferences(model.GetRelationalModel(), null));
        var designer = generator.GenerateMetadata(MigrationsNamespace, typeof(PlayersDbContext), "CreatePlayersTable", id, model);

        Assert.Equal(Committed($"{id}.cs"), migration);
        Assert.Equal(Committed($"{id}.Designer.cs"), designer);
    }

    [Theory]
    [InlineData(DatabaseEngine.Sqlite)]
    [InlineData(DatabaseEngine.PostgreSql)]
    public async Task A_new_property_gets_a_camel_case_column_in_a_provider_neutral_migration(DatabaseEngine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await using var current = database.CreateContext();
        await using var changed = new NationalityContext(database.Target);
        var designTime = DesignTime.ServicesFor(changed);

        var operations = designTime.GetRequiredService<IMigrationsModelDiffer>().GetDifferences(
            current.GetService<IDesignTimeModel>().Model.GetRelationalModel(),
            changed.GetService<IDesignTimeModel>().Model.GetRelationalModel());
        var code = designTime.GetRequiredService<IMigrationsCodeGeneratorSelector>().Select(language: null)
            .GenerateMigration(MigrationsNamespace, "AddNationality", operations, []);

        Assert.Equal(["nationality", "fifa_code"], operations.OfType<AddColumnOperation>().Select(column => column.Name).Order(StringComparer.Ordinal).Reverse());
        Assert.Contains("""name: "nationality",""", code, StringComparison.Ordinal);
        Assert.All(ProviderNeutralityTests.ProviderMarks, mark => Assert.DoesNotContain(mark, code, StringComparison.Ordinal));
    }

    private static string Committed(string file) => File.ReadAllText(RepositoryFiles.PathOf("Players.Data", "Migrations", file));

    /// <summary>The players model with two new properties, built through the same convention as <see cref="PlayersDbContext"/>.</summary>
    private sealed class NationalityContext(DatabaseTarget target) : DbContext(
        new DbContextOptionsBuilder<NationalityContext>().UsePlayersDatabase(target).Options)
    {
        protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
            configurationBuilder.Conventions.Add(_ => new CamelCaseColumnNameConvention());

        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            modelBuilder.ApplyConfiguration(new PlayerConfiguration());
            modelBuilder.Entity<Player>().Property<string?>("Nationality");

            // An explicit name still wins over the convention.
            modelBuilder.Entity<Player>().Property<string?>("FifaCode").HasColumnName("fifa_code");
        }
    }
}
