using Players.Contracts;

namespace Players.MigrationService;

/// <summary>How a run ended: its exit code and one line saying what it did or why it failed.</summary>
public sealed record WorkerOutcome(int ExitCode, string Message);

/// <summary>
/// <see cref="WorkerResult.FileOption"/> PATH, anywhere among the arguments: the run's outcome and command output also
/// go, as a <see cref="WorkerResult"/>, to that file. The AppHost's dashboard commands name one per run.
/// </summary>
public static class WorkerResultFile
{
    private const string Option = WorkerResult.FileOption;

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
}
