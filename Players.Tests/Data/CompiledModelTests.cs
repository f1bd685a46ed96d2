using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Players.Api.Database;
using Players.Data;
using Players.Data.CompiledModels;

namespace Players.Tests.Data;

/// <summary>
/// The compiled models (Players.Data/CompiledModels, one per provider) are the model PlayersDbContext builds, and the
/// API's contexts use them: a change to an entity, a configuration or a convention fails here until they are
/// regenerated.
/// </summary>
[Trait("Tier", "Fast")]
public sealed class CompiledModelTests
{
    public static TheoryData<DatabaseEngine> Engines => [DatabaseEngine.Sqlite, DatabaseEngine.PostgreSql];

    [Theory]
    [MemberData(nameof(Engines))]
    public void The_compiled_model_is_the_model_the_context_builds(DatabaseEngine engine)
    {
        using var db = new PlayersDbContext(Options(engine).Options);
        // Each model as the queries see it (initialised for the provider): a read-optimized model answers no design-time
        // question, so both are described by what they map, not compared by the migrations differ.
        using var compiledDb = new PlayersDbContext(Options(engine).UseModel(PlayersCompiledModels.For(engine)).Options);
        var built = db.Model;
        var compiled = compiledDb.Model;

        Assert.True(
            Describe(built).SequenceEqual(Describe(compiled)),
            $"The {engine} compiled model differs from the model PlayersDbContext builds: run {PlayersCompiledModels.RegenerateCommand}.\n"
            + $"built:\n{string.Join('\n', Describe(built))}\ncompiled:\n{string.Join('\n', Describe(compiled))}");
    }

    [Fact]
    public void The_description_tells_the_providers_models_apart_by_their_store_types()
    {
        using var sqlite = new PlayersDbContext(Options(DatabaseEngine.Sqlite).UseModel(PlayersCompiledModels.For(DatabaseEngine.Sqlite)).Options);
        using var postgres = new PlayersDbContext(Options(DatabaseEngine.PostgreSql).UseModel(PlayersCompiledModels.For(DatabaseEngine.PostgreSql)).Options);

        Assert.Contains(Describe(sqlite.Model), line => line.Contains("column squadNumber INTEGER ", StringComparison.Ordinal));
        Assert.Contains(Describe(postgres.Model), line => line.Contains("column squadNumber integer ", StringComparison.Ordinal));
        Assert.NotEqual(Describe(sqlite.Model), Describe(postgres.Model));
    }

    [Theory]
    [InlineData(DatabaseEngine.Sqlite, "sqlite:///compiled-model-test.db")]
    [InlineData(DatabaseEngine.PostgreSql, "postgresql://localhost/players")]
    public void The_apis_contexts_use_the_compiled_model_of_their_provider(DatabaseEngine engine, string url)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration["DATABASE_URL"] = url;
        builder.AddPlayersDbContext();
        using var app = builder.Build();
        using var scope = app.Services.CreateScope();

        var db = scope.ServiceProvider.GetRequiredService<PlayersDbContext>();

        Assert.Same(PlayersCompiledModels.For(engine), db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Model);
    }

    private static DbContextOptionsBuilder<PlayersDbContext> Options(DatabaseEngine engine) => engine == DatabaseEngine.Sqlite
        ? new DbContextOptionsBuilder<PlayersDbContext>().UseSqlite("Data Source=:memory:")
        : new DbContextOptionsBuilder<PlayersDbContext>().UseNpgsql("Host=localhost;Database=players");

    /// <summary>What the database and the queries see of a model: tables, columns with their store types, keys and indexes.</summary>
    private static IEnumerable<string> Describe(IModel model) =>
        model.GetEntityTypes().OrderBy(entity => entity.Name, StringComparer.Ordinal).SelectMany(entity =>
            new[] { $"{entity.Name} table {entity.GetSchema()}.{entity.GetTableName()} key {string.Join(",", entity.FindPrimaryKey()?.Properties.Select(p => p.Name) ?? [])}" }
                .Concat(entity.GetProperties().OrderBy(p => p.Name, StringComparer.Ordinal).Select(p =>
                    $"  {p.Name} {p.ClrType.Name} column {p.GetColumnName()} {p.GetColumnType()} nullable={p.IsNullable} "
                    + $"max={p.GetMaxLength()} generated={p.ValueGenerated} default={p.GetDefaultValue()}/{p.GetDefaultValueSql()} "
                    + $"converter={p.GetTypeMapping().Converter?.GetType().Name}"))
                .Concat(entity.GetIndexes().OrderBy(i => i.GetDatabaseName(), StringComparer.Ordinal).Select(i =>
                    $"  index {i.GetDatabaseName()} ({string.Join(",", i.Properties.Select(p => p.Name))}) unique={i.IsUnique} filter={i.GetFilter()}")));
}
