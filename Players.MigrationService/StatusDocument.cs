using System.Text.Json;
using System.Text.Json.Serialization;
using Players.Data.Migrating.Planning;

namespace Players.MigrationService;

/// <summary>What <c>status --json</c> prints: DESIGN's contract, read by scripts and the dashboard's <c>status</c> command.</summary>
public sealed record StatusDocument(
    string Current,
    IReadOnlyList<StatusDocument.Migration> Migrations,
    IReadOnlyList<string> Pending,
    IReadOnlyList<string> Unknown)
{
    /// <param name="Checksum"><c>match</c>, <c>drift</c> or <c>unstamped</c> for an applied migration; null while pending.</param>
    public sealed record Migration(string Id, string Name, bool Applied, string? Checksum);

    public static StatusDocument From(MigrationStatus status) => new(
        status.Current,
        [.. status.MigrationIds.Select(id => new Migration(id, MigrationTarget.NameOf(id), status.IsApplied(id), status.ChecksumOf(id)))],
        status.Pending,
        status.Unknown);
}

/// <summary>Source-generated, so the worker serializes without reflection; camelCase, and a null checksum is written.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(StatusDocument))]
internal sealed partial class WorkerJsonContext : JsonSerializerContext;
