namespace Players.Api.Players;

/// <summary>
/// The serialized answer of <c>GET /players/</c>, kept for ten minutes. Writes invalidate it by bumping a version:
/// a list read before a write began carries the old version and is never stored, so no stale list can outlive a
/// successful write.
/// </summary>
public sealed class PlayerListCache(TimeProvider time)
{
    public static readonly TimeSpan TimeToLive = TimeSpan.FromSeconds(600);

    private readonly Lock _gate = new();
    private long _version;
    private Entry? _entry;

    /// <summary>The cached list, or null with the version to hand back to <see cref="Store"/>.</summary>
    public byte[]? TryGet(out long version)
    {
        lock (_gate)
        {
            version = _version;
            if (_entry is { } entry && time.GetUtcNow() < entry.Expires)
            {
                return entry.Json;
            }

            _entry = null;
            return null;
        }
    }

    /// <summary>Stores the list read at <paramref name="version"/>, unless a write has happened since.</summary>
    public void Store(long version, byte[] json)
    {
        lock (_gate)
        {
            if (version == _version)
            {
                _entry = new Entry(json, time.GetUtcNow() + TimeToLive);
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

    private sealed record Entry(byte[] Json, DateTimeOffset Expires);
}
