using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Players.Data.Model;

namespace Players.Data.Configuration;

/// <summary>
/// Maps <see cref="Player"/> to the Python project's table and column names. No store types: each provider maps
/// the CLR types itself, which keeps one migration set valid on SQLite and PostgreSQL.
/// </summary>
internal sealed class PlayerConfiguration : IEntityTypeConfiguration<Player>
{
    public void Configure(EntityTypeBuilder<Player> player)
    {
        player.ToTable("players");

        player.HasKey(p => p.Id);
        player.Property(p => p.Id).HasColumnName("id").HasMaxLength(36).ValueGeneratedNever();
        player.Property(p => p.FirstName).HasColumnName("firstName");
        player.Property(p => p.MiddleName).HasColumnName("middleName");
        player.Property(p => p.LastName).HasColumnName("lastName");
        player.Property(p => p.DateOfBirth).HasColumnName("dateOfBirth");
        player.Property(p => p.SquadNumber).HasColumnName("squadNumber").ValueGeneratedNever();
        player.Property(p => p.Position).HasColumnName("position");
        player.Property(p => p.AbbrPosition).HasColumnName("abbrPosition");
        player.Property(p => p.Team).HasColumnName("team");
        player.Property(p => p.League).HasColumnName("league");
        player.Property(p => p.Starting11).HasColumnName("starting11");

        player.HasIndex(p => p.SquadNumber).IsUnique();
    }
}
