using System.Collections.Concurrent;
using Aspire.Hosting.ApplicationModel;

namespace Players.Tests.Distributed;

/// <summary>The console output of one resource, collected from before it starts (the AppHost keeps no log without a watcher).</summary>
public sealed class ResourceLog : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _watching;

    public ResourceLog(ResourceLoggerService logs, string resource)
    {
        _watching = Task.Run(async () =>
        {
            try
            {
                await foreach (var batch in logs.WatchAsync(resource).WithCancellation(_stop.Token))
                {
                    foreach (var line in batch)
                    {
                        _lines.Enqueue(line.Content);
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
        });
    }

    public string Text => string.Join('\n', _lines);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _watching;
        _stop.Dispose();
    }
}
