using System.Text;
using Players.Contracts;

namespace Players.AppHost.Worker;

/// <summary>The worker's <c>status --json</c> as the <c>status</c> command shows it: a summary and a table.</summary>
internal static class StatusTable
{
    /// <summary>One line for the command's result: where the database is and what is left.</summary>
    public static string Summary(this StatusDocument status) =>
        $"current: {status.Current}; {status.Pending.Count} pending{(status.Unknown.Count > 0 ? $"; {status.Unknown.Count} unknown (the database is ahead of this build)" : "")}";

    /// <summary>The migrations as a Markdown table, for the resource's console.</summary>
    public static string ToMarkdown(this StatusDocument status)
    {
        var table = new StringBuilder()
            .AppendLine("| migration | state | checksum | applied at (UTC) | took |")
            .AppendLine("|---|---|---|---|---|");
        foreach (var migration in status.Migrations)
        {
            var state = migration.Applied ? (migration.Id == status.Current ? "applied (current)" : "applied") : "pending";
            table.AppendLine($"| {migration.Id} | {state} | {migration.Checksum ?? "—"} | {HistoryTable.Time(migration.AppliedAt)} | {HistoryTable.Milliseconds(migration.DurationMs)} |");
        }

        foreach (var id in status.Unknown)
        {
            table.AppendLine($"| {id} | unknown: applied, not in this build | — | — | — |");
        }

        return table.ToString();
    }
}
