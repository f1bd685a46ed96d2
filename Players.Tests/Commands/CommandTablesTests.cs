extern alias AppHost;
using AppHost::Players.AppHost.Worker;
using Players.Contracts;
using Ids = Players.Tests.Worker.Migrations;

namespace Players.Tests.Commands;

/// <summary>What the <c>status</c> and <c>history</c> commands write to the <c>migrations</c> console, from the worker's JSON.</summary>
[Trait("Tier", "Fast")]
public sealed class CommandTablesTests
{
    private static readonly DateTime Applied = new(2026, 12, 2, 20, 55, 33, 623, DateTimeKind.Utc);

    [Fact]
    public void The_status_table_shows_when_each_applied_migration_was_applied_and_how_long_it_took()
    {
        var status = new StatusDocument(
            Ids.CreatePlayersTable,
            [
                new(Ids.CreatePlayersTable, "CreatePlayersTable", true, "match", Applied, 79),
                new(Ids.SeedStartingEleven, "SeedStartingEleven", false, null, null, null),
            ],
            [Ids.SeedStartingEleven],
            []);

        var table = status.ToMarkdown().Split(Environment.NewLine);

        Assert.Equal("| migration | state | checksum | applied at (UTC) | took |", table[0]);
        Assert.Equal($"| {Ids.CreatePlayersTable} | applied (current) | match | 2026-12-02 20:55:33.623 | 79 ms |", table[2]);
        Assert.Equal($"| {Ids.SeedStartingEleven} | pending | — | — | — |", table[3]);
    }

    [Fact]
    public void The_history_table_shows_each_run_newest_first_with_a_dash_for_what_was_not_recorded()
    {
        IReadOnlyList<HistoryDocument> runs =
        [
            new(Ids.SeedStartingEleven, "revert", "failed", Applied.AddMinutes(1), 1200, 900, 3, "1.0.0+67c0af6", "67c0af6"),
            new(Ids.CreatePlayersTable, "apply", "succeeded", Applied, null, null, null, "1.0.0", null),
        ];

        var table = runs.ToMarkdown().Split(Environment.NewLine);

        Assert.Equal(
            $"| 2026-12-02 20:56:33.623 | revert | {Ids.SeedStartingEleven} | failed | 1200 ms | 900 ms | 3 | 1.0.0+67c0af6 |", table[2]);
        Assert.Equal($"| 2026-12-02 20:55:33.623 | apply | {Ids.CreatePlayersTable} | succeeded | — | — | — | 1.0.0 |", table[3]);
        Assert.Equal($"2 recorded run(s); newest: revert {Ids.SeedStartingEleven} failed at 2026-12-02 20:56:33.623 UTC.", runs.Summary());
        Assert.Equal("No recorded runs.", Array.Empty<HistoryDocument>().Summary());
    }
}
