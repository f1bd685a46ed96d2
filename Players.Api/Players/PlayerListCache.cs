using Players.Api.Changes;
using Players.Api.Infrastructure;

namespace Players.Api.Players;

/// <summary>
/// The serialized answer of <c>GET /players/</c>, kept for ten minutes. This process's writes invalidate it by bumping
/// a version, other processes' changes through the <see cref="IPlayerChangeWatch"/>: a list read before a change is
/// never stored after it, and nothing is served from the cache while the watch cannot see changes.
/// </summary>
public sealed class PlayerListCache(TimeProvider time, IPlayerChangeWatch watch, PlayersApiMetrics metrics)
{
    public static readonly TimeSpan TimeToLive = TimeSpan.FromSeconds(600);

    private readonly Lock _gate = new();
    private long _version;
    private Entry? _entry;

    /// <summary>What the cache knew when a list was read from the database; hand it back to <see cref="Store"/>.</summary>
    public readonly record struct ReadStamp(long Version, long? ChangesSeen);

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

    public void Invalidate()
    {
        lock (_gate)
        {
            _version++;
            _entry = null;
        }
    }

    private sealed record Entry(byte[] Json, long ChangesSeen, DateTimeOffset Expires);
}
