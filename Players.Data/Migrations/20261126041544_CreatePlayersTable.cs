using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Players.Data.Migrations
{
    /// <inheritdoc />
    public partial class CreatePlayersTable : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "players",
                columns: table => new
                {
                    id = table.Column<string>(maxLength: 36, nullable: false),
                    firstName = table.Column<string>(nullable: false),
                    middleName = table.Column<string>(nullable: true),
                    lastName = table.Column<string>(nullable: false),
                    dateOfBirth = table.Column<DateOnly>(nullable: true),
                    squadNumber = table.Column<int>(nullable: false),
                    position = table.Column<string>(nullable: false),
                    abbrPosition = table.Column<string>(nullable: true),
                    team = table.Column<string>(nullable: true),
                    league = table.Column<string>(nullable: true),
                    starting11 = table.Column<bool>(nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_players", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_players_squadNumber",
                table: "players",
                column: "squadNumber",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "players");
        }
    }
}
