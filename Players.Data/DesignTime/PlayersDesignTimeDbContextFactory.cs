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
        var target = DatabaseSelection.Resolve(configuration, InvokingDirectory());
        var options = new DbContextOptionsBuilder<PlayersDbContext>().UsePlayersDatabase(target).Options;
        return new PlayersDbContext(options);
    }

    /// <summary>
    /// <c>dotnet ef</c> runs design-time code in the project's folder, but a relative <c>sqlite:///x.db</c> means
    /// the folder the command was typed in, as in every other process; the shell passes that down as PWD.
    /// </summary>
    private static string InvokingDirectory() =>
        Environment.GetEnvironmentVariable("PWD") is { Length: > 0 } pwd && Directory.Exists(pwd) ? pwd : Environment.CurrentDirectory;
}
