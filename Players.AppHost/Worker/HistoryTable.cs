using System.Globalization;
using System.Text;
using Players.Contracts;

namespace Players.AppHost.Worker;

/// <summary>The worker's <c>history --json</c> as the <c>history</c> command shows it: a summary and a table, newest first.</summary>
internal static class HistoryTable
{
    /// <summary>One line for the command's result: how many runs, and the newest.</summary>
    public static string Summary(this IReadOnlyList<HistoryDocument> runs) => runs.Count == 0
        ? "No recorded runs."
        : $"{runs.Count} recorded run(s); newest: {runs[0].Direction} {runs[0].Migration} {runs[0].Outcome} at {Time(runs[0].StartedAt)} UTC.";

    /// <summary>The runs as a Markdown table, for the resource's console.</summary>
    public static string ToMarkdown(this IReadOnlyList<HistoryDocument> runs)
    {
        var table = new StringBuilder()
            .AppendLine("| started (UTC) | run | migration | outcome | took | lock waits | retries | build |")
            .AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var run in runs)
        {
            table.AppendLine(
                $"| {Time(run.StartedAt)} | {run.Direction} | {run.Migration} | {run.Outcome} | {Milliseconds(run.DurationMs)} | "
                + $"{Milliseconds(run.LockWaitMs)} | {run.LockRetries?.ToString(CultureInfo.InvariantCulture) ?? "—"} | {run.Version ?? "—"} |");
        }

        return table.ToString();
    }

    /// <summary>A UTC time to the millisecond, or a dash where none was recorded.</summary>
    public static string Time(DateTime? utc) =>
        utc?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture) ?? "—";

    public static string Milliseconds(long? value) => value is { } milliseconds ? $"{milliseconds} ms" : "—";
}
