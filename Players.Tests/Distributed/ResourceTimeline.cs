using System.Collections.Concurrent;
using Aspire.Hosting.ApplicationModel;

namespace Players.Tests.Distributed;

/// <summary>Every resource update of one app, in the order the AppHost published them, recorded from before start.</summary>
public sealed class ResourceTimeline : IAsyncDisposable
{
    private readonly ConcurrentQueue<ResourceEvent> _events = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _watching;

    public ResourceTimeline(ResourceNotificationService notifications)
    {
        _watching = Task.Run(async () =>
        {
            try
            {
                await foreach (var update in notifications.WatchAsync(_stop.Token))
                {
                    _events.Enqueue(update);
                }
            }
            catch (OperationCanceledException)
            {
            }
        });
    }

    public IReadOnlyList<ResourceEvent> Events => [.. _events];

    /// <summary>The position of the first update of <paramref name="resource"/> that matches, or -1.</summary>
    public int IndexOfFirst(string resource, Func<CustomResourceSnapshot, bool> predicate)
    {
        var events = Events;
        for (var index = 0; index < events.Count; index++)
        {
            if (events[index].Resource.Name == resource && predicate(events[index].Snapshot))
            {
                return index;
            }
        }

        return -1;
    }

    public IEnumerable<string> StatesOf(string resource) =>
        Events.Where(update => update.Resource.Name == resource)
            .Select(update => update.Snapshot.State?.Text ?? "")
            .Distinct();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _watching;
        _stop.Dispose();
    }
}
