using System.Net;
using System.Net.Sockets;

namespace Players.Tests.Infrastructure;

/// <summary>
/// The one way the tests get a loopback port: one the system just handed out and nothing listens on any more. Whoever
/// binds it next may race another test for it (PostgresCluster retries on a clash); a test that needs a port where
/// nothing answers uses it as such.
/// </summary>
public static class LoopbackPort
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
