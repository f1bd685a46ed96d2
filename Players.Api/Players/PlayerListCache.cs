using Players.Api.Changes;
using Players.Api.Infrastructure;

namespace Players.Api.Players;

/// <summary>
/// The serialized answer of <c>GET /players/</c>, kept for ten minutes. This process's writes invalidate it by bumping
/// a version, other processes' changes through the <see cref="IPlayerChangeWatch"/>: a list read before a change is
/// never stored after it, and nothing is served from the cache while the watch cannot see changes. Misses that meet
/// a read already under way for the same stamp wait for it instead of reading the list again (single flight).
/// </summary>
public sealed class PlayerListCache(TimeProvider time, IPlayerChangeWatch watch, PlayersApiMetrics metrics)
{
    public static readonly TimeSpan TimeToLive = TimeSpan.FromSeconds(600);

    private readonly Lock _gate = new();
    private long _version;
    private Entry? _entry;
    private Flight? _flight;

    /// <summary>What the cache knew when a list was read from the database; hand it back to <see cref="Store"/>.</summary>
    public readonly record struct ReadStamp(long Version, long? ChangesSeen);

    /// <summary>
    /// The cached list, or the one <paramref name="read"/> of it that every concurrent miss under the same stamp shares.
    /// A shared read that its own request cancelled is started again by the next waiter; one that failed fails them all.
    /// </summary>
    /// <returns>The list's bytes, and whether they came from the cache.</returns>
    public async Task<(byte[] Json, bool Hit)> GetOrReadAsync(Func<CancellationToken, Task<byte[]>> read, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (TryGet(out var stamp) is { } cached)
            {
                return (cached, true);
            }

            TaskCompletionSource<byte[]>? lead = null;
            Task<byte[]> shared;
            lock (_gate)
            {
                // While the watch is blind, a read under way may predate a change this request must see.
                if (stamp.ChangesSeen is not null && _flight is { } flight && flight.Stamp == stamp)
                {
                    shared = flight.Json;
                }
                else
                {
                    lead = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
                    shared = lead.Task;
                    _flight = new Flight(stamp, shared);
                }
            }

            if (lead is not null)
            {
                return (await LeadAsync(lead, stamp, read, cancellationToken), false);
            }

            try
            {
                return (await shared.WaitAsync(cancellationToken), false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The leading request went away: read again, or join whoever does.
            }
        }
    }

    private async Task<byte[]> LeadAsync(
        TaskCompletionSource<byte[]> lead, ReadStamp stamp, Func<CancellationToken, Task<byte[]>> read, CancellationToken cancellationToken)
    {
        try
        {
            metrics.ListReads.Add(1);
            var json = await read(cancellationToken);
            Store(stamp, json);
            lead.SetResult(json);
            return json;
        }
        catch (OperationCanceledException)
        {
            lead.SetCanceled(CancellationToken.None);
            throw;
        }
        catch (Exception exception)
        {
            lead.SetException(exception);
            // Observed here: with no waiter, nobody else would, and the runtime would report it as unobserved.
            _ = lead.Task.Exception;
            throw;
        }
        finally
        {
            lock (_gate)
            {
                if (_flight?.Json == lead.Task)
                {
                    _flight = null;
                }
            }
        }
    }

    /// <summary>The cached list, or null with the stamp to hand back to <see cref="Store"/>.</summary>
    public byte[]? TryGet(out ReadStamp stamp)
    {
        var changesSeen = watch.ChangesSeen();
        lock (_gate)
        {
            stamp = new ReadStamp(_version, changesSeen);
            if (changesSeen is not null && _entry is { } entry && entry.ChangesSeen == changesSeen && time.GetUtcNow() < entry.Expires)
            {
                metrics.CacheHits.Add(1);
                return entry.Json;
            }

            _entry = null;
            metrics.CacheMisses.Add(1);
            return null;
        }
    }

    /// <summary>Stores the list read under <paramref name="stamp"/>, unless this process has written since.</summary>
    public void Store(ReadStamp stamp, byte[] json)
    {
        lock (_gate)
        {
            if (stamp.Version == _version && stamp.ChangesSeen is { } changesSeen)
            {
                _entry = new Entry(json, changesSeen, time.GetUtcNow() + TimeToLive);
            }
        }
    }

    /// <summary>
    /// After this process's own committed write: the watch counts the write now, so that seeing it later does not
    /// drop the list rebuilt after it a second time.
    /// </summary>
    public void Invalidate()
    {
        watch.CatchUp();
        lock (_gate)
        {
            _version++;
            _entry = null;
        }
    }

    private sealed record Flight(ReadStamp Stamp, Task<byte[]> Json);

    private sealed record Entry(byte[] Json, long ChangesSeen, DateTimeOffset Expires);
}
