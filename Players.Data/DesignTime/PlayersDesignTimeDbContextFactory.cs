using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.Configuration;

namespace Players.Data.DesignTime;

/// <summary>
/// Lets <c>dotnet ef … --project Players.Data</c> work with no other flag, against the database that the
/// same rule as every process picks (<c>ConnectionStrings__playersdb</c>, <c>DATABASE_URL</c>, or the default).
/// </summary>
internal sealed class PlayersDesignTimeDbContextFactory : IDesignTimeDbContextFactory<PlayersDbContext>
{
    public PlayersDbContext CreateDbContext(string[] args)
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var target = DatabaseSelection.Resolve(configuration);
        var options = new DbContextOptionsBuilder<PlayersDbContext>().UsePlayersDatabase(target).Options;
        return new PlayersDbContext(options);
    }
}
