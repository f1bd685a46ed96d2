using System.Text.Json;

namespace Players.Contracts;

/// <summary>What <c>status --json</c> prints (documented in docs/migrations.md, "Output and exit codes"), read by scripts and the AppHost's <c>status</c> command.</summary>
public sealed record StatusDocument(
    string Current,
    IReadOnlyList<StatusDocument.Migration> Migrations,
    IReadOnlyList<string> Pending,
    IReadOnlyList<string> Unknown)
{
    /// <summary>
    /// One migration; its checksum is <c>match</c>, <c>drift</c> or <c>unstamped</c> once applied, null while pending.
    /// <paramref name="AppliedAt"/> (UTC) and <paramref name="DurationMs"/> come from its last recorded apply: null
    /// while pending, and for one applied before runs were recorded (or, the duration, by a script on SQLite).
    /// </summary>
    public sealed record Migration(string Id, string Name, bool Applied, string? Checksum, DateTime? AppliedAt, long? DurationMs);

    /// <summary>The document as the worker prints it: camelCase, indented, nulls written.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, WorkerJsonContext.Default.StatusDocument);

    public static StatusDocument? Parse(string json) => JsonSerializer.Deserialize(json, WorkerJsonContext.Default.StatusDocument);
}
