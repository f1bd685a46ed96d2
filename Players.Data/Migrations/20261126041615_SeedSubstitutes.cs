using Microsoft.EntityFrameworkCore.Migrations;
using Players.Data.Migrating.Lint;
using Players.Data.Seed;

#nullable disable

namespace Players.Data.Migrations
{
    /// <summary>The 14 substitutes. Ids are UUID v5 of "{firstName}-{lastName}" (see <see cref="SeedIds"/>).</summary>
    [AllowLint(LintRules.UnanalysedSql, "The seed guard's SQL only reads the players holding the squad numbers it inserts, and raises an error naming them.")]
    public partial class SeedSubstitutes : Migration
    {
        // id, firstName, middleName, lastName, dateOfBirth, squadNumber, position, abbrPosition, team, league, starting11
        private static readonly object[,] Players =
        {
            { "5a9cd988-95e6-54c1-bc34-9aa08acca8d0", "Franco", "Daniel", "Armani", new DateOnly(1986, 10, 16), 1, "Goalkeeper", "GK", "River Plate", "Copa de la Liga", false },
            { "c62f2ac1-41e8-5d34-b073-2ba0913d0e31", "Gerónimo", null, "Rulli", new DateOnly(1992, 5, 20), 12, "Goalkeeper", "GK", "Ajax Amsterdam", "Eredivisie", false },
            { "5fdb10e8-38c0-5084-9a3f-b369a960b9c2", "Juan", "Marcos", "Foyth", new DateOnly(1998, 1, 12), 2, "Right-Back", "RB", "Villarreal", "La Liga", false },
            { "bbd441f7-fcfb-5834-8468-2a9004b64c8c", "Gonzalo", "Ariel", "Montiel", new DateOnly(1997, 1, 1), 4, "Right-Back", "RB", "Nottingham Forest", "Premier League", false },
            { "d8bfea25-f189-5d5e-b3a5-ed89329b9f7c", "Germán", "Alejo", "Pezzella", new DateOnly(1991, 6, 27), 6, "Centre-Back", "CB", "Real Betis Balompié", "La Liga", false },
            { "dca343a8-12e5-53d6-89a8-916b120a5ee4", "Marcos", "Javier", "Acuña", new DateOnly(1991, 10, 28), 8, "Left-Back", "LB", "Sevilla FC", "La Liga", false },
            { "98306555-a466-5d18-804e-dc82175e697b", "Lisandro", null, "Martínez", new DateOnly(1998, 1, 18), 25, "Centre-Back", "CB", "Manchester United", "Premier League", false },
            { "9d140400-196f-55d8-86e1-e0b96a375c83", "Leandro", "Daniel", "Paredes", new DateOnly(1994, 6, 29), 5, "Defensive Midfield", "DM", "AS Roma", "Serie A", false },
            { "d3b0e8e8-2c34-531a-b608-b24fed0ef986", "Exequiel", "Alejandro", "Palacios", new DateOnly(1998, 10, 5), 14, "Central Midfield", "CM", "Bayer 04 Leverkusen", "Bundesliga", false },
            { "7cc8d527-56a2-58bd-9528-2618fc139d30", "Alejandro", "Darío", "Gómez", new DateOnly(1988, 2, 15), 17, "Left Winger", "LW", "AC Monza", "Serie A", false },
            { "191c82af-0c51-526a-b903-c3600b61b506", "Guido", null, "Rodríguez", new DateOnly(1994, 4, 12), 18, "Defensive Midfield", "DM", "Real Betis Balompié", "La Liga", false },
            { "b1306b7b-a3a4-5f7c-90fd-dd5bdbed57ba", "Ángel", "Martín", "Correa", new DateOnly(1995, 3, 9), 15, "Right Winger", "RW", "Atlético Madrid", "La Liga", false },
            { "7941cd7c-4df1-5952-97e8-1e7f5d08e8aa", "Paulo", "Exequiel", "Dybala", new DateOnly(1993, 11, 15), 21, "Second Striker", "SS", "AS Roma", "Serie A", false },
            { "79c96f29-c59f-5f98-96b8-3a5946246624", "Lautaro", "Javier", "Martínez", new DateOnly(1997, 8, 22), 22, "Centre-Forward", "CF", "Inter Milan", "Serie A", false },
        };

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.InsertSeedPlayers(Players);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DeleteSeedPlayers(Players);
    }
}
