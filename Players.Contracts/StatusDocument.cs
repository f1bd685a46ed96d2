using System.Text.Json;

namespace Players.Contracts;

/// <summary>What <c>status --json</c> prints (documented in docs/migrations.md, "Output and exit codes"), read by scripts and the AppHost's <c>status</c> command.</summary>
public sealed record StatusDocument(
    string Current,
    IReadOnlyList<StatusDocument.Migration> Migrations,
    IReadOnlyList<string> Pending,
    IReadOnlyList<string> Unknown)
{
    /// <summary>One migration; its checksum is <c>match</c>, <c>drift</c> or <c>unstamped</c> once applied, null while pending.</summary>
    public sealed record Migration(string Id, string Name, bool Applied, string? Checksum);

    /// <summary>The document as the worker prints it: camelCase, indented, a null checksum written.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, WorkerJsonContext.Default.StatusDocument);

    public static StatusDocument? Parse(string json) => JsonSerializer.Deserialize(json, WorkerJsonContext.Default.StatusDocument);
}
