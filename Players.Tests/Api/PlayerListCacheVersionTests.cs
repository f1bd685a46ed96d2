using Microsoft.Extensions.DependencyInjection;
using Players.Api.Changes;
using Players.Api.Infrastructure;
using Players.Api.Players;

namespace Players.Tests.Api;

/// <summary>
/// The cache's own rules, without a server: no stale list stored after a write or a change seen by the watch, no hit
/// while the watch cannot see changes, and a ten-minute life.
/// </summary>
[Trait("Tier", "Fast")]
public sealed class PlayerListCacheVersionTests
{
    private static readonly byte[] OldList = [1];
    private static readonly byte[] NewList = [2];

    private readonly ManualTime _time = new();
    private readonly ManualChangeWatch _watch = new();
    private readonly PlayerListCache _cache;

    public PlayerListCacheVersionTests()
    {
        var meters = new ServiceCollection().AddMetrics().BuildServiceProvider();
        _cache = new PlayerListCache(_time, _watch, new PlayersApiMetrics(meters.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()));
    }

    [Fact]
    public void A_list_read_before_a_write_is_not_stored_after_it()
    {
        Assert.Null(_cache.TryGet(out var stampBeforeWrite));

        _cache.Invalidate();
        _cache.Store(stampBeforeWrite, OldList);

        Assert.Null(_cache.TryGet(out var stampAfterWrite));
        _cache.Store(stampAfterWrite, NewList);
        Assert.Equal(NewList, _cache.TryGet(out _));
    }

    [Fact]
    public void A_change_seen_by_the_watch_drops_the_list_and_a_list_read_before_it_is_never_served()
    {
        _cache.TryGet(out var stampBeforeChange);
        _watch.Changes++;
        _cache.Store(stampBeforeChange, OldList);
        Assert.Null(_cache.TryGet(out var stampAfterChange));

        _cache.Store(stampAfterChange, NewList);
        Assert.Equal(NewList, _cache.TryGet(out _));

        _watch.Changes++;
        Assert.Null(_cache.TryGet(out _));
    }

    [Fact]
    public void Nothing_is_served_or_stored_while_the_watch_cannot_see_changes()
    {
        _cache.TryGet(out var stamp);
        _cache.Store(stamp, OldList);
        Assert.Equal(OldList, _cache.TryGet(out _));

        _watch.Blind = true;
        Assert.Null(_cache.TryGet(out var blindStamp));
        _cache.Store(blindStamp, NewList);
        Assert.Null(_cache.TryGet(out _));

        _watch.Blind = false;
        _watch.Changes++;
        Assert.Null(_cache.TryGet(out _));
    }

    [Fact]
    public void A_stored_list_lives_for_600_seconds()
    {
        _cache.TryGet(out var stamp);
        _cache.Store(stamp, NewList);

        _time.Advance(TimeSpan.FromSeconds(599));
        Assert.Equal(NewList, _cache.TryGet(out _));

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(_cache.TryGet(out _));
    }

    [Fact]
    public async Task Concurrent_misses_wait_for_one_read_and_the_next_request_hits()
    {
        var reads = 0;
        var release = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<byte[]> Read(CancellationToken token)
        {
            Interlocked.Increment(ref reads);
            return release.Task;
        }

        var misses = Enumerable.Range(0, 8).Select(_ => _cache.GetOrReadAsync(Read, CancellationToken.None)).ToList();
        release.SetResult(NewList);
        var answers = await Task.WhenAll(misses).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(1, reads);
        Assert.All(answers, answer => Assert.Equal((NewList, false), answer));
        Assert.Equal((NewList, true), await _cache.GetOrReadAsync(Read, CancellationToken.None));
    }

    [Fact]
    public async Task A_miss_after_a_write_does_not_join_the_read_started_before_it()
    {
        var reads = new List<TaskCompletionSource<byte[]>>();
        Task<byte[]> Read(CancellationToken token)
        {
            var read = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
            reads.Add(read);
            return read.Task;
        }

        var beforeWrite = _cache.GetOrReadAsync(Read, CancellationToken.None);
        _cache.Invalidate();
        var afterWrite = _cache.GetOrReadAsync(Read, CancellationToken.None);
        Assert.Equal(2, reads.Count);
        reads[0].SetResult(OldList);
        reads[1].SetResult(NewList);

        Assert.Equal(OldList, (await beforeWrite).Json);
        Assert.Equal(NewList, (await afterWrite).Json);
        Assert.Equal((NewList, true), await _cache.GetOrReadAsync(Read, CancellationToken.None));
    }

    [Fact]
    public async Task A_waiter_whose_leader_was_cancelled_reads_the_list_itself()
    {
        var reads = 0;
        var leaderRead = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<byte[]> Read(CancellationToken token) =>
            Interlocked.Increment(ref reads) == 1 ? leaderRead.Task : Task.FromResult(NewList);

        var leader = _cache.GetOrReadAsync(Read, CancellationToken.None);
        var waiter = _cache.GetOrReadAsync(Read, CancellationToken.None);
        leaderRead.SetCanceled();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => leader);
        Assert.Equal((NewList, false), await waiter.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(2, reads);
    }

    private sealed class ManualTime : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }

    private sealed class ManualChangeWatch : IPlayerChangeWatch
    {
        public long Changes { get; set; }

        public bool Blind { get; set; }

        public long? ChangesSeen() => Blind ? null : Changes;
    }
}
