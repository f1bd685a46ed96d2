using System.Text.Json;
using System.Text.Json.Serialization;

namespace Players.MigrationService;

/// <summary>How a run ended: its exit code and one line saying what it did or why it failed.</summary>
public sealed record WorkerOutcome(int ExitCode, string Message);

/// <summary>
/// <c>--result-file PATH</c>, anywhere among the arguments: the run's outcome and command output also go, as JSON, to
/// that file. The AppHost's dashboard commands name one per run, because the worker's stdout reaches only its console.
/// </summary>
public static class WorkerResultFile
{
    public const string Option = "--result-file";

    /// <summary>The arguments without the option, and the file it names (or why it names none).</summary>
    public static (IReadOnlyList<string> Arguments, (string? Path, string? Error) ResultFile) Split(IReadOnlyList<string> args)
    {
        var at = args.ToList().IndexOf(Option);
        if (at < 0)
        {
            return (args, (null, null));
        }

        if (at == args.Count - 1 || string.IsNullOrWhiteSpace(args[at + 1]))
        {
            return ([.. args.Take(at)], (null, $"{Option} needs a file: {Option} PATH."));
        }

        return ([.. args.Take(at), .. args.Skip(at + 2)], (Path.GetFullPath(args[at + 1]), null));
    }

    /// <summary>Writes the result whole or not at all: a reader never sees half a file.</summary>
    public static async Task WriteAsync(string path, WorkerOutcome outcome, string output)
    {
        var partial = path + ".partial";
        await File.WriteAllTextAsync(partial, JsonSerializer.Serialize(
            new WorkerResult(outcome.ExitCode, outcome.Message, output), WorkerResultJsonContext.Default.WorkerResult));
        File.Move(partial, path, overwrite: true);
    }

    /// <param name="ExitCode">The worker's exit code.</param>
    /// <param name="Message">What it did, or why it failed, in one line.</param>
    /// <param name="Output">What it printed on stdout.</param>
    internal sealed record WorkerResult(int ExitCode, string Message, string Output);
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(WorkerResultFile.WorkerResult))]
internal sealed partial class WorkerResultJsonContext : JsonSerializerContext;
