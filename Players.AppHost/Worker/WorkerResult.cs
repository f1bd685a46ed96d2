using System.Text.Json;
using System.Text.Json.Serialization;

namespace Players.AppHost.Worker;

/// <summary>
/// What the worker writes, when given <c>--result-file PATH</c>, as it ends a run: its exit code, one line saying what
/// it did or why it failed, and its command output (what it printed on stdout). The worker's stdout itself only
/// reaches the resource's console, not the command that started it.
/// </summary>
internal sealed record WorkerResult(int ExitCode, string Message, string Output)
{
    public const string ResultFileOption = "--result-file";

    public bool Succeeded => ExitCode == 0;

    /// <summary>A failed command's message: <c>exit N:</c> and the worker's reason.</summary>
    public string FailureMessage => $"exit {ExitCode}: {Message}";

    public static async Task<WorkerResult?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        await using var file = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync(file, WorkerResultJsonContext.Default.WorkerResult, cancellationToken);
    }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(WorkerResult))]
internal sealed partial class WorkerResultJsonContext : JsonSerializerContext;
