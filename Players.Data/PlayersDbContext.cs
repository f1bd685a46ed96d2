using Microsoft.EntityFrameworkCore;
using Players.Data.Configuration;
using Players.Data.Model;

namespace Players.Data;

public sealed class PlayersDbContext(DbContextOptions<PlayersDbContext> options) : DbContext(options)
{
    public DbSet<Player> Players => Set<Player>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.Conventions.Add(_ => new CamelCaseColumnNameConvention());

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfiguration(new PlayerConfiguration());
}
