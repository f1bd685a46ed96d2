using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Players.Data;
using Players.Data.Migrating.Lint;

namespace Players.Tests.Lint;

// Hand-written migrations after this build's three, as a team would add them: a class with [DbContext] and
// [Migration] and, except where a test needs one, no designer file. Each does one thing a rule is about.

[DbContext(typeof(PlayersDbContext))]
[Migration("20261202000001_RenamePlayersTable")]
public sealed class RenamePlayersTable : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.RenameTable("players", newName: "squad");

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.RenameTable("squad", newName: "players");
}

[DbContext(typeof(PlayersDbContext))]
[Migration("20261202000002_RenameTeamColumn")]
public sealed class RenameTeamColumn : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.RenameColumn("team", "players", "club");

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.RenameColumn("club", "players", "team");
}

[DbContext(typeof(PlayersDbContext))]
[Migration("20261202000003_DropPlayersTable")]
public sealed class DropPlayersTable : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("players");
}

[DbContext(typeof(PlayersDbContext))]
[Migration("20261202000004_DropLeagueColumn")]
public sealed class DropLeagueColumn : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.DropColumn("league", "players");
}

[DbContext(typeof(PlayersDbContext))]
[Migration("20261202000005_UniqueIndexOnTeam")]
public sealed class UniqueIndexOnTeam : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.CreateIndex("IX_players_team", "players", "team", unique: true);
}

[DbContext(typeof(PlayersDbContext))]
[Migration("20261202000006_IndexOnTeam")]
public sealed class IndexOnTeam : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.CreateIndex("IX_players_team", "players", "team");

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropIndex("IX_players_team", "players");
}

[DbContext(typeof(PlayersDbContext))]
[Migration("20261202000007_IndexOnTeamConcurrently")]
public sealed class IndexOnTeamConcurrently : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.CreateIndex("IX_players_team", "players", "team").Annotation("Npgsql:CreatedConcurrently", true);

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropIndex("IX_players_team", "players");
}

[DbContext(typeof(PlayersDbContext))]
[Migration("20261202000008_AddRequiredNickname")]
public sealed class AddRequiredNickname : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<string>("nickname", "players", nullable: false);
}

[DbContext(typeof(PlayersDbContext))]
[Migration("20261202000009_AddRequiredNicknameWithDefault")]
public sealed class AddRequiredNicknameWithDefault : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<string>("nickname", "players", nullable: false, defaultValue: "");
}

[DbContext(typeof(PlayersDbContext))]
[Migration("20261202000010_RequireTeam")]
public sealed class RequireTeam : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AlterColumn<string>("team", "players", nullable: false, oldClrType: typeof(string), oldNullable: true);
}

/// <summary>With a target model, as its designer file would give it: EF's SQLite generator rebuilds the table from it.</summary>
[DbContext(typeof(PlayersDbContext))]
[Migration("20261202000011_WidenSquadNumber")]
public sealed class WidenSquadNumber : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AlterColumn<long>("squadNumber", "players", nullable: false, oldClrType: typeof(int));

    protected override void BuildTargetModel(ModelBuilder modelBuilder) => TestModels.Players(modelBuilder, squadNumber: typeof(long));
}

[DbContext(typeof(PlayersDbContext))]
[Migration("20261202000012_LengthenId")]
public sealed class LengthenId : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AlterColumn<string>("id", "players", maxLength: 64, nullable: false, oldClrType: typeof(string), oldMaxLength: 36);
}

[DbContext(typeof(PlayersDbContext))]
[Migration("20261202000013_RawSql")]
public sealed class RawSql : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("UPDATE players SET team = upper(team)");
}

/// <summary>A new table with everything the rules for existing tables are about: nothing can be using it yet.</summary>
[DbContext(typeof(PlayersDbContext))]
[Migration("20261202000014_CreateClubsTable")]
public sealed class CreateClubsTable : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            "clubs",
            table => new { id = table.Column<int>(nullable: false), name = table.Column<string>(nullable: true) },
            constraints: table => table.PrimaryKey("PK_clubs", club => club.id));
        migrationBuilder.AddColumn<string>("country", "clubs", nullable: false);
        migrationBuilder.AlterColumn<string>("name", "clubs", nullable: false, oldClrType: typeof(string), oldNullable: true);
        migrationBuilder.CreateIndex("IX_clubs_name", "clubs", "name", unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("clubs");
}

[DbContext(typeof(PlayersDbContext))]
[Migration("20261202000015_IndexClubCountry")]
public sealed class IndexClubCountry : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.CreateIndex("IX_clubs_country", "clubs", "country");
}

[DbContext(typeof(PlayersDbContext))]
[Migration("20261202000016_AllowedIndexOnTeam")]
[AllowLint(LintRules.IndexWithoutConcurrently, "players holds a few hundred rows: the lock lasts milliseconds.")]
public sealed class AllowedIndexOnTeam : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.CreateIndex("IX_players_team", "players", "team");

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropIndex("IX_players_team", "players");
}

[DbContext(typeof(PlayersDbContext))]
[Migration("20261202000017_IndexOnTeamAllowedWithoutReason")]
[AllowLint(LintRules.IndexWithoutConcurrently, " ")]
public sealed class IndexOnTeamAllowedWithoutReason : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.CreateIndex("IX_players_team", "players", "team");
}

/// <summary>Its Down removes only the column its Up added: reverting it is no finding.</summary>
[DbContext(typeof(PlayersDbContext))]
[Migration("20261202000018_AddNickname")]
public sealed class AddNickname : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.AddColumn<string>("nickname", "players", nullable: true);

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropColumn("nickname", "players");
}

/// <summary>Its Up relaxes a column CreatePlayersTable made required; its Down constrains it again (MF104). With a target model, so that SQLite can apply it.</summary>
[DbContext(typeof(PlayersDbContext))]
[Migration("20261202000019_RelaxFirstName")]
public sealed class RelaxFirstName : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AlterColumn<string>("firstName", "players", nullable: true, oldClrType: typeof(string), oldNullable: false);

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AlterColumn<string>("firstName", "players", nullable: false, oldClrType: typeof(string), oldNullable: true);

    protected override void BuildTargetModel(ModelBuilder modelBuilder) => TestModels.Players(modelBuilder, firstNameRequired: false);
}
