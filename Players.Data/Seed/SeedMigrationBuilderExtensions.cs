using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Players.Data.Seed;

/// <summary>
/// What the seed migrations share: the column order of their literal rows, inserting them after checking that
/// no other player holds their squad numbers, and deleting exactly them again. Applied migrations are history:
/// change nothing here that would change the operations an existing migration builds; every seed migration's
/// checksum covers them, so such a change is drift on every database that ran one (migrations.sum shows it).
/// </summary>
public static class SeedMigrationBuilderExtensions
{
    private const string Table = "players";
    private const int IdColumn = 0;
    private const int SquadNumberColumn = 5;

    public static readonly string[] Columns =
    [
        "id", "firstName", "middleName", "lastName", "dateOfBirth", "squadNumber",
        "position", "abbrPosition", "team", "league", "starting11",
    ];

    /// <summary>Inserts the rows, failing first with a message naming any squad number another player holds.</summary>
    public static void InsertSeedPlayers(this MigrationBuilder migrationBuilder, object[,] rows)
    {
        migrationBuilder.Sql(FailIfSquadNumbersAreHeld(migrationBuilder, rows));
        migrationBuilder.InsertData(Table, Columns, rows);
    }

    /// <summary>Deletes the seeded rows by id, leaving every other player alone.</summary>
    public static void DeleteSeedPlayers(this MigrationBuilder migrationBuilder, object[,] rows) =>
        migrationBuilder.DeleteData(Table, Columns[IdColumn], Column(rows, IdColumn).ToArray());

    private static IEnumerable<object> Column(object[,] rows, int column) =>
        Enumerable.Range(0, rows.GetLength(0)).Select(row => rows[row, column]);

    private static string FailIfSquadNumbersAreHeld(MigrationBuilder migrationBuilder, object[,] rows)
    {
        var squadNumbers = string.Join(", ", Column(rows, SquadNumberColumn).Select(n => Convert.ToString(n, CultureInfo.InvariantCulture)));
        var ids = string.Join(", ", Column(rows, IdColumn).Select(id => $"'{id}'"));
        const string holder = """'squad number ' || "squadNumber" || ' is held by ' || "firstName" || ' ' || "lastName" || ' (id ' || "id" || ')'""";
        var holders = $"""FROM "players" WHERE "squadNumber" IN ({squadNumbers}) AND "id" NOT IN ({ids})""";

        if (migrationBuilder.IsNpgsql())
        {
            return $"""
                DO $$
                DECLARE conflicts text;
                BEGIN
                    SELECT string_agg({holder}, '; ' ORDER BY "squadNumber") INTO conflicts {holders};
                    IF conflicts IS NOT NULL THEN
                        RAISE EXCEPTION 'Cannot seed players: %. Give those players other squad numbers first.', conflicts;
                    END IF;
                END $$;
                """;
        }

        // SQLite has no RAISE outside triggers; json_extract rejects a path that is not JSON and quotes it in
        // its error, which carries the message. HAVING keeps the expression unevaluated when nothing conflicts.
        return $"""
            SELECT json_extract('{"{}"}', 'Cannot seed players: ' || group_concat({holder}, '; ') || '. Give those players other squad numbers first.')
            {holders}
            HAVING count(*) > 0;
            """;
    }
}
