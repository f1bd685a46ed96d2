using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Design;
using Microsoft.Extensions.DependencyInjection;
using Players.Data;
using Players.Tests.Infrastructure;

namespace Players.Tests.Migrations;

/// <summary>One migration set serves both engines only while no provider leaves its mark in it.</summary>
[Trait("Tier", "Fast")]
public sealed class ProviderNeutralityTests
{
    internal static readonly string[] ProviderMarks =
    [
        "HasColumnType(", "type: \"", ".Annotation(", "Npgsql", "Sqlite:", "SqlServer", "MaxIdentifierLength", "ValueGenerationStrategy",
    ];

    public static TheoryData<string> MigrationFiles() =>
        new(Directory.GetFiles(RepositoryFiles.PathOf("Players.Data", "Migrations"), "*.cs").Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(MigrationFiles))]
    public void No_file_under_Migrations_holds_a_store_type_or_provider_annotation(string file)
    {
        var code = File.ReadAllText(RepositoryFiles.PathOf("Players.Data", "Migrations", file));

        Assert.All(ProviderMarks, mark => Assert.DoesNotContain(mark, code, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(DatabaseEngine.Sqlite)]
    [InlineData(DatabaseEngine.PostgreSql)]
    public async Task Migrations_add_writes_a_neutral_migration_designer_and_snapshot_with_either_provider(DatabaseEngine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await using var db = database.CreateContext();
        var designTime = DesignTime.ServicesFor(db);
        var model = db.GetService<IDesignTimeModel>().Model;

        // What `migrations add` would write for the whole schema, as if the table did not exist yet.
        var create = designTime.GetRequiredService<IMigrationsModelDiffer>().GetDifferences(null, model.GetRelationalModel());
        var generator = designTime.GetRequiredService<IMigrationsCodeGeneratorSelector>().Select(language: null);
        var migration = generator.GenerateMigration("Players.Data.Migrations", "Probe", create, []);
        var scaffolded = designTime.GetRequiredService<IMigrationsScaffolder>().ScaffoldMigration("Probe", "Players.Data");

        Assert.Contains("CreateTable(", migration, StringComparison.Ordinal);
        foreach (var code in new[] { migration, scaffolded.MetadataCode, scaffolded.SnapshotCode })
        {
            Assert.All(ProviderMarks, mark => Assert.DoesNotContain(mark, code, StringComparison.Ordinal));
        }
    }
}
