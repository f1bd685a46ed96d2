using Microsoft.EntityFrameworkCore;

namespace Players.Tests.Lint;

/// <summary>Target models for test migrations, as a designer file would build them: the players table of CreatePlayersTable with one change.</summary>
public static class TestModels
{
    public static void Players(ModelBuilder modelBuilder, Type? squadNumber = null, bool firstNameRequired = true) =>
        modelBuilder.Entity("Players.Data.Model.Player", player =>
        {
            player.Property<string>("Id").HasMaxLength(36).HasColumnName("id");
            player.Property<string>("FirstName").IsRequired(firstNameRequired).HasColumnName("firstName");
            player.Property<string>("MiddleName").HasColumnName("middleName");
            player.Property<string>("LastName").IsRequired().HasColumnName("lastName");
            player.Property<DateOnly?>("DateOfBirth").HasColumnName("dateOfBirth");
            player.Property(squadNumber ?? typeof(int), "SquadNumber").HasColumnName("squadNumber");
            player.Property<string>("Position").IsRequired().HasColumnName("position");
            player.Property<string>("AbbrPosition").HasColumnName("abbrPosition");
            player.Property<string>("Team").HasColumnName("team");
            player.Property<string>("League").HasColumnName("league");
            player.Property<bool?>("Starting11").HasColumnName("starting11");
            player.HasKey("Id");
            player.HasIndex("SquadNumber").IsUnique();
            player.ToTable("players");
        });
}
