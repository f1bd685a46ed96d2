using Microsoft.EntityFrameworkCore.Metadata;

namespace Players.Data.CompiledModels;

/// <summary>
/// <see cref="PlayersDbContext"/>'s model as generated code, one per provider (<c>dotnet ef dbcontext optimize</c>:
/// a provider's type mappings are baked in), so that a process's first context use does not run the model's
/// conventions. The API's contexts use it (<c>UseModel</c>); the migrator's keep building theirs, since migrating needs
/// the design-time model. <c>Players.Data/CompiledModels/regenerate.sh</c> writes both; CompiledModelTests fails when
/// the model changes without them. Measured in bench/README.md.
/// </summary>
public static class PlayersCompiledModels
{
    public const string RegenerateCommand = "Players.Data/CompiledModels/regenerate.sh";

    public static IModel For(DatabaseEngine engine) => engine switch
    {
        DatabaseEngine.Sqlite => Sqlite.PlayersDbContextModel.Instance,
        DatabaseEngine.PostgreSql => Postgres.PlayersDbContextModel.Instance,
        _ => throw new ArgumentOutOfRangeException(nameof(engine), engine, "Unknown database engine."),
    };
}
