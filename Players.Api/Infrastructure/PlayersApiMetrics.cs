using System.Diagnostics.Metrics;

namespace Players.Api.Infrastructure;

/// <summary>The API's own counters, on the meter <see cref="MeterName"/> that the service defaults export.</summary>
public sealed class PlayersApiMetrics
{
    public const string MeterName = "Players.Api";

    public PlayersApiMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        CacheHits = meter.CreateCounter<long>("players.cache.hits", description: "GET /players/ answered from the cached list.");
        CacheMisses = meter.CreateCounter<long>("players.cache.misses", description: "GET /players/ not answered from the cached list.");
        ListReads = meter.CreateCounter<long>(
            "players.list.reads", description: "Reads of the list from the database: one per change, shared by concurrent misses.");
        ChangesReceived = meter.CreateCounter<long>(
            "players.changes.received", description: "Changes by other processes that invalidated the cached list.");
        ListenerReconnects = meter.CreateCounter<long>(
            "players.listener.reconnects", description: "Times the change listener connected again after losing its connection.");
    }

    public Counter<long> CacheHits { get; }

    public Counter<long> CacheMisses { get; }

    public Counter<long> ListReads { get; }

    public Counter<long> ChangesReceived { get; }

    public Counter<long> ListenerReconnects { get; }
}
