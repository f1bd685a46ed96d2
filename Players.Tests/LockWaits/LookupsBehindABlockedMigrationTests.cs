using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Players.Data;
using Players.Data.Migrating;
using Players.Tests.Api;
using Players.Tests.Infrastructure;
using Players.Tests.Lint;
using Players.Tests.Worker;
using Xunit.Abstractions;

namespace Players.Tests.LockWaits;

/// <summary>
/// The proof of issue 24 item 1: while a long read transaction holds <c>players</c>, a migration whose statement needs
/// the table exclusively (<see cref="AddNickname"/>'s ALTER TABLE) queues every later query on the table only for its
/// lock wait, then rolls back and lets them through, and succeeds once the reader ends; the same migration run with no
/// lock wait (as <c>dotnet ef database update</c> runs it) queues them for as long as the reader lasts. The API runs in
/// process on the same PostgreSQL database, not migrating itself, as deployed behind the worker.
/// </summary>
[Trait("Tier", "Fast")]
public sealed class LookupsBehindABlockedMigrationTests(ITestOutputHelper output)
{
    private const string MessiId = "acc433bf-d505-51fe-831e-45eb44c4d43c";

    private static readonly TimeSpan LockWait = TimeSpan.FromMilliseconds(300);

    // Generous for a loaded 2-core machine: a lookup may queue for one lock wait, then wait for the thread pool, the
    // connection pool and a CPU shared with the migration's retries and other tests. Without lock waits the same
    // lookup waits for the whole reader (the unbounded test below: well over this).
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(1.5);

    private static readonly MigratorBudgets Budgets = new(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60)) { LockWait = LockWait };

    private static readonly string[] Lookups = [$"/players/{MessiId}", "/players/squadnumber/10"];

    [Fact]
    public async Task A_migration_blocked_by_a_reader_never_makes_a_lookup_or_health_wait_much_more_than_its_lock_wait_and_succeeds_once_the_reader_ends()
    {
        await using var database = await LockWaitRetryTests.UpgradedDatabaseAsync();
        await using var api = await StartApiAsync(database);
        using var client = api.CreateClient();
        await using var report = await LongReport.StartAsync(database.Target.ConnectionString);
        var log = new FakeLogCollector();
        using var loggerFactory = LoggerFactory.Create(logging => logging.AddProvider(new FakeLoggerProvider(log)));
        var migrator = new PlayersMigrator(database.Target, loggerFactory, Budgets) { ConfigureContext = TestMigrator.Appending(typeof(AddNickname)) };

        await using var sampler = LookupSampler.Start(client, [.. Lookups, "/health"]);
        var blockedFrom = sampler.Now;
        var upgrade = migrator.UpgradeAsync();
        // A couple of retries: the ALTER TABLE has waited, rolled back and let the queue through, twice.
        await WaitForRetriesAsync(log, 2, TimeSpan.FromMinutes(1));
        Assert.False(upgrade.IsCompleted, "The ALTER TABLE should still be retrying behind the report.");
        var blockedUntil = sampler.Now;
        await report.EndAsync();
        var result = await upgrade.WaitAsync(TimeSpan.FromMinutes(1));
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        var samples = await sampler.StopAsync();
        foreach (var record in log.GetSnapshot().Where(record => record.Level >= LogLevel.Warning))
        {
            output.WriteLine($"{record.Level}: {record.Message}");
        }

        Assert.Equal(1, result.Count);
        Assert.Equal(1L, await database.ScalarAsync("SELECT count(*) FROM information_schema.columns WHERE table_name = 'players' AND column_name = 'nickname'"));
        var figures = Figures.Of(samples, blockedFrom, blockedUntil);
        output.WriteLine($"lock wait {LockWait.TotalMilliseconds} ms, {Retries(log)} retries; {figures}");
        Assert.All(samples, sample => Assert.Equal(HttpStatusCode.OK, sample.Status));
        Assert.True(figures.LookupsWhileBlocked >= 5, $"too few lookups while the migration was blocked to prove anything: {figures}");
        Assert.True(figures.WorstLookup.Elapsed <= LockWait + Margin, $"a lookup waited too long: {figures.WorstLookup}");
        Assert.True(figures.WorstHealth.Elapsed <= LockWait + Margin, $"/health waited too long: {figures.WorstHealth}");
    }

    [Fact]
    public async Task The_same_migration_without_a_lock_wait_makes_lookups_and_health_wait_for_as_long_as_the_reader_lasts()
    {
        await using var database = await LockWaitRetryTests.UpgradedDatabaseAsync();
        await using var api = await StartApiAsync(database);
        using var client = api.CreateClient();
        await using var report = await LongReport.StartAsync(database.Target.ConnectionString);
        var options = new DbContextOptionsBuilder<PlayersDbContext>().UsePlayersDatabase(database.Target);
        TestMigrator.Appending(typeof(AddNickname))(options);
        await using var db = new PlayersDbContext(options.Options);

        await using var sampler = LookupSampler.Start(client, [.. Lookups, "/health"]);
        var blockedFrom = sampler.Now;
        var migrate = db.Database.MigrateAsync();
        await report.WaitUntilItBlocksAsync(database.Target.ConnectionString, TimeSpan.FromMinutes(1));
        var held = TimeSpan.FromSeconds(3);
        await Task.Delay(held);
        var blockedUntil = sampler.Now;
        await report.EndAsync();
        await migrate.WaitAsync(TimeSpan.FromMinutes(1));
        var samples = await sampler.StopAsync();

        var figures = Figures.Of(samples, blockedFrom, blockedUntil);
        output.WriteLine($"no lock wait, reader held {held.TotalSeconds} s after the ALTER TABLE queued; {figures}");
        Assert.True(figures.WorstLookup.Elapsed >= held - TimeSpan.FromSeconds(0.5), $"the lookups should have queued behind the ALTER TABLE: {figures}");
        Assert.True(figures.WorstHealth.Elapsed >= held - TimeSpan.FromSeconds(0.5), $"/health should have queued behind the ALTER TABLE: {figures}");
        Assert.True(figures.WorstLookup.Elapsed > LockWait + Margin, "without lock waits the bounded test's limit must fail, or that test proves nothing");
    }

    private static async Task<PlayersApiFactory> StartApiAsync(TestDatabase database)
    {
        var settings = InProcessApi.DatabaseSettings(database);
        settings["Players:MigrateOnStartup"] = "false";
        var api = new PlayersApiFactory(settings);
        using var client = api.CreateClient();
        // Warm: JIT, the connection pool and the change channel, outside the figures.
        foreach (var path in (string[])[.. Lookups, "/health"])
        {
            using var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        return api;
    }

    private static int Retries(FakeLogCollector log) =>
        log.GetSnapshot().Count(record => record.Level == LogLevel.Warning && record.Message.Contains("rolled back, retry", StringComparison.Ordinal));

    private static async Task WaitForRetriesAsync(FakeLogCollector log, int retries, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (Retries(log) < retries)
        {
            await Task.Delay(20, deadline.Token);
        }
    }

    /// <summary>The worst answers of a run, and how many lookups began while the migration was blocked.</summary>
    private sealed record Figures(LookupSampler.Sample WorstLookup, LookupSampler.Sample WorstHealth, int Lookups, int LookupsWhileBlocked)
    {
        public static Figures Of(IReadOnlyList<LookupSampler.Sample> samples, TimeSpan blockedFrom, TimeSpan blockedUntil)
        {
            var lookups = samples.Where(sample => sample.Path != "/health").ToList();
            return new Figures(
                lookups.MaxBy(sample => sample.Elapsed)!,
                samples.Where(sample => sample.Path == "/health").MaxBy(sample => sample.Elapsed)!,
                lookups.Count,
                lookups.Count(sample => sample.Started >= blockedFrom && sample.Started <= blockedUntil));
        }

        public override string ToString() =>
            $"{Lookups} lookups ({LookupsWhileBlocked} while blocked), worst lookup {WorstLookup}, worst /health {WorstHealth}";
    }
}
