namespace Players.Contracts;

/// <summary>The worker's settings that the AppHost writes: configuration keys, and their environment variable form.</summary>
public static class WorkerSettings
{
    public const string Section = "Players:Migrations";

    /// <summary>The upgrade target when the command line names none; unset, head.</summary>
    public const string Target = Section + ":Target";

    /// <summary><c>true</c> once deployed: the worker stays idle after its run instead of exiting (ADR 7).</summary>
    public const string IdleAfterRun = Section + ":IdleAfterRun";
}
