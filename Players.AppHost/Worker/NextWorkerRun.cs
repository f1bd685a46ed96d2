namespace Players.AppHost.Worker;

/// <summary>
/// The arguments of the worker's next start, set by a migration command and taken by exactly that start (the
/// worker's <c>WithArgs</c> callback): any other start — the dashboard's own Start or Restart — finds nothing here
/// and runs the default upgrade.
/// </summary>
internal sealed class NextWorkerRun
{
    private string[]? _arguments;

    /// <summary>
    /// Sets <paramref name="arguments"/> for the start that <paramref name="start"/> makes, and clears them whatever its
    /// outcome (started, refused, cancelled or thrown), so that a later plain Start never runs them.
    /// </summary>
    public async Task<T> ForStartAsync<T>(string[] arguments, Func<Task<T>> start)
    {
        Volatile.Write(ref _arguments, arguments);
        try
        {
            return await start();
        }
        finally
        {
            Take();
        }
    }

    /// <summary>The arguments set for this start, or none; either way nothing is left for the next.</summary>
    public string[] Take() => Interlocked.Exchange(ref _arguments, null) ?? [];
}
