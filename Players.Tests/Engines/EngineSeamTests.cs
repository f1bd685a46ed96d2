using Microsoft.EntityFrameworkCore;
using Players.Data;
using Players.Data.Migrating.Engines;

namespace Players.Tests.Engines;

/// <summary>The engine seam of the migrator: one engine per kind, found from a target or a context, and nothing outside it branching on the engine.</summary>
[Trait("Tier", "Fast")]
public sealed class EngineSeamTests
{
    /// <summary>The budget docs/adr/0013-an-engine-seam-in-the-migrator.md allows outside the seam.</summary>
    private const int AllowedMentions = 2;

    [Fact]
    public void Outside_the_engine_seam_the_migrator_names_an_engine_at_most_twice()
    {
        var mentions = EngineMentions.OutsideTheSeam();

        Assert.True(
            mentions.Count <= AllowedMentions,
            $"{mentions.Count} engine mentions outside Players.Data/Migrating/Engines (at most {AllowedMentions}): move them "
            + "behind MigrationEngine.\n" + string.Join('\n', mentions));
    }

    [Fact]
    public void The_mention_count_sees_engine_names_in_code_but_not_in_comments_or_strings()
    {
        const string Source = """
            // Npgsql's migrator reads the history first; IsSqlite() is not called here.
            /* a SQLite
               comment */
            var message = $"EF Core cannot script this for SQLite: {new NpgsqlConnectionStringBuilder(cs).Database}";
            if (db.Database.IsNpgsql() && target.Engine == DatabaseEngine.PostgreSql) { }
            var name = db.Database.ProviderName; var builder = new SqliteConnectionStringBuilder("Data Source=x");
            """;

        Assert.Equal(
            [
                "X.cs:4: NpgsqlConnectionStringBuilder",
                "X.cs:5: IsNpgsql", "X.cs:5: DatabaseEngine.PostgreSql",
                "X.cs:6: ProviderName", "X.cs:6: SqliteConnectionStringBuilder",
            ],
            EngineMentions.In("X.cs", Source));
        Assert.True(EngineMentions.IsSeam("Engines/MigrationEngine.cs"));
        Assert.True(EngineMentions.IsSeam("Lint/PostgresLint.cs"));
        Assert.False(EngineMentions.IsSeam("Integrity/ChecksumTable.cs"));
    }

    [Theory]
    [InlineData(DatabaseEngine.Sqlite, "Data Source=players.db", "sqlite", "players.db")]
    [InlineData(DatabaseEngine.PostgreSql, "Host=db;Database=players;Username=u;Password=secret", "postgresql", "players")]
    public void A_target_gets_the_engine_of_its_kind(DatabaseEngine kind, string connectionString, string system, string databaseNamespace)
    {
        var engine = MigrationEngine.For(new DatabaseTarget(kind, connectionString, "test", DatabaseSource.DatabaseUrl));

        Assert.Equal(kind, engine.Target.Engine);
        Assert.Equal((system, databaseNamespace), (engine.SystemName, engine.Namespace));
        Assert.Equal(kind, engine.ReadOnly().Target.Engine);
    }

    [Fact]
    public void There_is_one_offline_engine_of_each_kind_each_with_its_own_name()
    {
        Assert.Equal(Enum.GetValues<DatabaseEngine>(), MigrationEngine.Offline.Select(engine => engine.Target.Engine).Order());
        Assert.Equal(MigrationEngine.Offline.Count, MigrationEngine.Offline.Select(engine => engine.SystemName).Distinct().Count());
    }

    [Fact]
    public void Each_engine_names_the_provider_of_the_contexts_it_configures_and_is_found_from_them()
    {
        foreach (var engine in MigrationEngine.Offline)
        {
            using var db = engine.CreateContext();

            Assert.Equal(db.Database.ProviderName, engine.Provider);
            Assert.Same(engine, MigrationEngine.Of(db));
        }
    }

    [Fact]
    public void A_context_configured_without_UsePlayersDatabase_has_no_engine()
    {
        using var db = new PlayersDbContext(new DbContextOptionsBuilder<PlayersDbContext>().UseSqlite("Data Source=:memory:").Options);

        var refused = Assert.Throws<InvalidOperationException>(() => MigrationEngine.Of(db));

        Assert.Contains("UsePlayersDatabase", refused.Message, StringComparison.Ordinal);
    }
}
