using System.Text.Json;
using System.Text.Json.Serialization;

namespace Players.Contracts;

/// <summary>
/// What the worker writes, when given <c>--result-file PATH</c>, as it ends a run: its exit code, one line saying what
/// it did or why it failed, and its command output (what it printed on stdout). The AppHost's commands read it,
/// because the worker's stdout reaches only the resource's console.
/// </summary>
/// <param name="ExitCode">The worker's exit code (<see cref="WorkerExitCodes"/>).</param>
/// <param name="Message">What it did, or why it failed, in one line.</param>
/// <param name="Output">What it printed on stdout.</param>
public sealed record WorkerResult(int ExitCode, string Message, string Output)
{
    /// <summary>The option, anywhere among the worker's arguments, followed by the file to write.</summary>
    public const string FileOption = "--result-file";

    [JsonIgnore]
    public bool Succeeded => ExitCode == WorkerExitCodes.Success;

    /// <summary>A failed command's message: <c>exit N:</c> and the worker's reason.</summary>
    [JsonIgnore]
    public string FailureMessage => $"exit {ExitCode}: {Message}";

    /// <summary>Writes the result whole or not at all: a reader never sees half a file.</summary>
    public async Task WriteAsync(string path, CancellationToken cancellationToken = default)
    {
        var partial = path + ".partial";
        await File.WriteAllTextAsync(partial, JsonSerializer.Serialize(this, WorkerJsonContext.Default.WorkerResult), cancellationToken);
        File.Move(partial, path, overwrite: true);
    }

    /// <summary>The result in <paramref name="path"/>, or null when the run wrote none.</summary>
    public static async Task<WorkerResult?> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        await using var file = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync(file, WorkerJsonContext.Default.WorkerResult, cancellationToken);
    }
}
