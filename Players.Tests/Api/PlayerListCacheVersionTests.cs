using Players.Api.Players;

namespace Players.Tests.Api;

/// <summary>The cache's own rules, without a server: no stale list stored after a write, and a ten-minute life.</summary>
public sealed class PlayerListCacheVersionTests
{
    private static readonly byte[] OldList = [1];
    private static readonly byte[] NewList = [2];

    [Fact]
    public void A_list_read_before_a_write_is_not_stored_after_it()
    {
        var cache = new PlayerListCache(new ManualTime());
        Assert.Null(cache.TryGet(out var versionBeforeWrite));

        cache.Invalidate();
        cache.Store(versionBeforeWrite, OldList);

        Assert.Null(cache.TryGet(out var versionAfterWrite));
        cache.Store(versionAfterWrite, NewList);
        Assert.Equal(NewList, cache.TryGet(out _));
    }

    [Fact]
    public void A_stored_list_lives_for_600_seconds()
    {
        var time = new ManualTime();
        var cache = new PlayerListCache(time);
        cache.TryGet(out var version);
        cache.Store(version, NewList);

        time.Advance(TimeSpan.FromSeconds(599));
        Assert.Equal(NewList, cache.TryGet(out _));

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(cache.TryGet(out _));
    }

    private sealed class ManualTime : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
