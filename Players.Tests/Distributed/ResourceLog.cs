using Aspire.Hosting.ApplicationModel;

namespace Players.Tests.Distributed;

/// <summary>The console output the AppHost kept for one resource, for failure messages.</summary>
public static class ResourceLog
{
    /// <summary>Reads the backlog: the watch replays it at once, then waits for new lines, so a short quiet ends the read.</summary>
    public static async Task<string> ReadAsync(ResourceLoggerService logs, IResource resource)
    {
        List<string> lines = [];
        using var quiet = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await foreach (var batch in logs.WatchAsync(resource).WithCancellation(quiet.Token))
            {
                lines.AddRange(batch.Select(line => line.Content));
                quiet.CancelAfter(TimeSpan.FromMilliseconds(300));
            }
        }
        catch (OperationCanceledException)
        {
        }

        return string.Join('\n', lines);
    }
}
