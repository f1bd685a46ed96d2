using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Players.Data.Model;

namespace Players.Data.Configuration;

/// <summary>
/// Maps <see cref="Player"/> to the Python project's table; its camelCase column names come from
/// <see cref="CamelCaseColumnNameConvention"/>. No store types: each provider maps the CLR types itself, which keeps
/// one migration set valid on SQLite and PostgreSQL.
/// </summary>
internal sealed class PlayerConfiguration : IEntityTypeConfiguration<Player>
{
    public void Configure(EntityTypeBuilder<Player> player)
    {
        player.ToTable("players");

        player.HasKey(p => p.Id);
        player.Property(p => p.Id).HasMaxLength(36).ValueGeneratedNever();
        player.Property(p => p.SquadNumber).ValueGeneratedNever();

        player.HasIndex(p => p.SquadNumber).IsUnique();
    }
}
