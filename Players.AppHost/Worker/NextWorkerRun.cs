namespace Players.AppHost.Worker;

/// <summary>
/// The arguments of the worker's next start, set by a migration command and taken by exactly that start (the
/// worker's <c>WithArgs</c> callback): any other start — the dashboard's own Start or Restart — finds nothing here
/// and runs the default upgrade.
/// </summary>
internal sealed class NextWorkerRun
{
    private string[]? _arguments;

    public void Set(string[] arguments) => Volatile.Write(ref _arguments, arguments);

    /// <summary>The arguments set for this start, or none; either way nothing is left for the next.</summary>
    public string[] Take() => Interlocked.Exchange(ref _arguments, null) ?? [];
}
