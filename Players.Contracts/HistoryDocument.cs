using System.Text.Json;

namespace Players.Contracts;

/// <summary>
/// One recorded apply or revert as <c>history --json</c> prints it, in an array, newest first (docs/migrations.md,
/// "The record of every run"). What the path that ran it could not know is null.
/// </summary>
/// <param name="Direction"><c>apply</c> or <c>revert</c>.</param>
/// <param name="Outcome"><c>succeeded</c> or <c>failed</c>.</param>
/// <param name="StartedAt">UTC.</param>
/// <param name="Version">The informational version of the build that ran it.</param>
/// <param name="Commit">That build's commit; null when it was built without one.</param>
public sealed record HistoryDocument(
    string Migration,
    string Direction,
    string Outcome,
    DateTime? StartedAt,
    long? DurationMs,
    long? LockWaitMs,
    int? LockRetries,
    string? Version,
    string? Commit)
{
    public static string ToJson(IReadOnlyList<HistoryDocument> runs) =>
        JsonSerializer.Serialize(runs, WorkerJsonContext.Default.IReadOnlyListHistoryDocument);

    public static IReadOnlyList<HistoryDocument>? Parse(string json) =>
        JsonSerializer.Deserialize(json, WorkerJsonContext.Default.IReadOnlyListHistoryDocument);
}
