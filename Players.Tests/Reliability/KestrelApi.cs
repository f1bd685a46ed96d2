using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Players.Tests.Api;

namespace Players.Tests.Reliability;

/// <summary>The API in process behind a real Kestrel on a loopback port, so requests go through sockets and HTTP parsing.</summary>
public sealed class KestrelApi : IAsyncDisposable
{
    private readonly PlayersApiFactory _factory;

    private KestrelApi(PlayersApiFactory factory, Uri address)
    {
        _factory = factory;
        Address = address;
    }

    public Uri Address { get; }

    public static KestrelApi Start(IReadOnlyDictionary<string, string?> settings)
    {
        var factory = new PlayersApiFactory(settings);
        factory.UseKestrel(0);
        factory.StartServer();
        var addresses = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()
            ?? throw new InvalidOperationException("Kestrel reports no address.");
        return new KestrelApi(factory, new Uri(addresses.Addresses.First()));
    }

    /// <summary>A client of its own connection pool; every request is bounded by <paramref name="timeout"/>.</summary>
    public HttpClient CreateClient(int maxConnections, TimeSpan timeout) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = maxConnections })
        {
            BaseAddress = Address,
            Timeout = timeout,
        };

    public ValueTask DisposeAsync() => _factory.DisposeAsync();
}
