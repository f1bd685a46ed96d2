using Players.Contracts;

namespace Players.MigrationService;

/// <summary>How a run ended: its exit code and one line saying what it did or why it failed.</summary>
public sealed record WorkerOutcome(int ExitCode, string Message);

/// <summary>
/// <see cref="WorkerResult.FileOption"/> PATH as the last two arguments, where the AppHost's dashboard commands put it
/// (one file per run): the run's outcome and command output also go, as a <see cref="WorkerResult"/>, to that file.
/// Anywhere else the option is not the worker's own but a command's argument, which the command then refuses.
/// </summary>
public static class WorkerResultFile
{
    private const string Option = WorkerResult.FileOption;

    /// <summary>The arguments without the option, and the file it names (or why it names none).</summary>
    public static (IReadOnlyList<string> Arguments, (string? Path, string? Error) ResultFile) Split(IReadOnlyList<string> args)
    {
        if (args.Count >= 1 && args[^1] == Option)
        {
            return ([.. args.Take(args.Count - 1)], (null, $"{Option} needs a file: {Option} PATH."));
        }

        if (args.Count < 2 || args[^2] != Option)
        {
            return (args, (null, null));
        }

        return string.IsNullOrWhiteSpace(args[^1])
            ? ([.. args.Take(args.Count - 2)], (null, $"{Option} needs a file: {Option} PATH."))
            : ([.. args.Take(args.Count - 2)], (Path.GetFullPath(args[^1]), null));
    }
}
