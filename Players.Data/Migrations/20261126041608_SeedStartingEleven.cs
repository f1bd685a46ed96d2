using Microsoft.EntityFrameworkCore.Migrations;
using Players.Data.Migrating.Lint;
using Players.Data.Seed;

#nullable disable

namespace Players.Data.Migrations
{
    /// <summary>The Starting XI, in formation order. Ids are UUID v5 of "{firstName}-{lastName}" (see <see cref="SeedIds"/>).</summary>
    [AllowLint(LintRules.UnanalysedSql, "The seed guard's SQL only reads the players holding the squad numbers it inserts, and raises an error naming them.")]
    public partial class SeedStartingEleven : Migration
    {
        // id, firstName, middleName, lastName, dateOfBirth, squadNumber, position, abbrPosition, team, league, starting11
        private static readonly object[,] Players =
        {
            { "01772c59-43f0-5d85-b913-c78e4e281452", "Damián", "Emiliano", "Martínez", new DateOnly(1992, 9, 2), 23, "Goalkeeper", "GK", "Aston Villa FC", "Premier League", true },
            { "da31293b-4c7e-5e0f-a168-469ee29ecbc4", "Nahuel", null, "Molina", new DateOnly(1998, 4, 6), 26, "Right-Back", "RB", "Atlético Madrid", "La Liga", true },
            { "c096c69e-762b-5281-9290-bb9c167a24a0", "Cristian", "Gabriel", "Romero", new DateOnly(1998, 4, 27), 13, "Centre-Back", "CB", "Tottenham Hotspur", "Premier League", true },
            { "d5f7dd7a-1dcb-5960-ba27-e34865b63358", "Nicolás", "Hernán Gonzalo", "Otamendi", new DateOnly(1988, 2, 12), 19, "Centre-Back", "CB", "SL Benfica", "Liga Portugal", true },
            { "2f6f90a0-9b9d-5023-96d2-a2aaf03143a6", "Nicolás", "Alejandro", "Tagliafico", new DateOnly(1992, 8, 31), 3, "Left-Back", "LB", "Olympique Lyon", "Ligue 1", true },
            { "b5b46e79-929e-5ed2-949d-0d167109c022", "Ángel", "Fabián", "Di María", new DateOnly(1988, 2, 14), 11, "Right Winger", "RW", "SL Benfica", "Liga Portugal", true },
            { "0293b282-1da8-562e-998e-83849b417a42", "Rodrigo", "Javier", "de Paul", new DateOnly(1994, 5, 24), 7, "Central Midfield", "CM", "Atlético Madrid", "La Liga", true },
            { "d3ba552a-dac3-588a-b961-1ea7224017fd", "Enzo", "Jeremías", "Fernández", new DateOnly(2001, 1, 17), 24, "Central Midfield", "CM", "SL Benfica", "Liga Portugal", true },
            { "9613cae9-16ab-5b54-937e-3135123b9e0d", "Alexis", null, "Mac Allister", new DateOnly(1998, 12, 24), 20, "Central Midfield", "CM", "Brighton & Hove Albion", "Premier League", true },
            { "acc433bf-d505-51fe-831e-45eb44c4d43c", "Lionel", "Andrés", "Messi", new DateOnly(1987, 6, 24), 10, "Right Winger", "RW", "Paris Saint-Germain", "Ligue 1", true },
            { "38bae91d-8519-55a2-b30a-b9fe38849bfb", "Julián", null, "Álvarez", new DateOnly(2000, 1, 31), 9, "Centre-Forward", "CF", "Manchester City", "Premier League", true },
        };

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.InsertSeedPlayers(Players);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DeleteSeedPlayers(Players);
    }
}
