using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Migrations.Design;
using Microsoft.Extensions.DependencyInjection;

namespace Players.Data.DesignTime;

/// <summary>
/// Runs inside <c>dotnet ef migrations add</c>: whichever provider generates a migration, the migration,
/// its designer file and the snapshot come out provider-neutral, so one migration set serves both engines.
/// </summary>
internal sealed class PlayersDesignTimeServices : IDesignTimeServices
{
    public void ConfigureDesignTimeServices(IServiceCollection services)
    {
        services.AddSingleton<IAnnotationCodeGenerator, NeutralAnnotationCodeGenerator>();
        services.AddSingleton<ICSharpMigrationOperationGenerator, NeutralMigrationOperationGenerator>();
    }
}
