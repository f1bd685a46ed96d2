using System.Text.Json;
using System.Text.Json.Serialization;

namespace Players.Contracts;

/// <summary>Source-generated, so neither side serializes by reflection: camelCase, indented, nulls written.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(StatusDocument))]
[JsonSerializable(typeof(IReadOnlyList<LintDocument>))]
[JsonSerializable(typeof(IReadOnlyList<HistoryDocument>))]
[JsonSerializable(typeof(WorkerResult))]
internal sealed partial class WorkerJsonContext : JsonSerializerContext;
