using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Players.AppHost.Worker;

/// <summary>The worker's <c>status --json</c>, as the <c>status</c> command reads it to print a table.</summary>
internal sealed record StatusDocument(string Current, IReadOnlyList<StatusDocument.Migration> Migrations, IReadOnlyList<string> Pending, IReadOnlyList<string> Unknown)
{
    public sealed record Migration(string Id, string Name, bool Applied, string? Checksum);

    public static StatusDocument? Parse(string json) => JsonSerializer.Deserialize(json, StatusJsonContext.Default.StatusDocument);

    /// <summary>One line for the command's result: where the database is and what is left.</summary>
    public string Summary => $"current: {Current}; {Pending.Count} pending{(Unknown.Count > 0 ? $"; {Unknown.Count} unknown (the database is ahead of this build)" : "")}";

    /// <summary>The migrations as a Markdown table, for the resource's console.</summary>
    public string ToMarkdown()
    {
        var table = new StringBuilder()
            .AppendLine("| migration | state | checksum |")
            .AppendLine("|---|---|---|");
        foreach (var migration in Migrations)
        {
            var state = migration.Applied ? (migration.Id == Current ? "applied (current)" : "applied") : "pending";
            table.AppendLine($"| {migration.Id} | {state} | {migration.Checksum ?? "—"} |");
        }

        foreach (var id in Unknown)
        {
            table.AppendLine($"| {id} | unknown: applied, not in this build | — |");
        }

        return table.ToString();
    }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(StatusDocument))]
internal sealed partial class StatusJsonContext : JsonSerializerContext;
