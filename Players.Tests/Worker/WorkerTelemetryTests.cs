using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Players.Data;
using Players.Tests.Infrastructure;

namespace Players.Tests.Worker;

/// <summary>The worker process exports its spans before it exits, even when it exits 1.</summary>
public sealed class WorkerTelemetryTests
{
    [Fact]
    public async Task The_worker_flushes_its_spans_to_the_otlp_endpoint_before_exiting()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseEngine.Sqlite);
        using var receiver = new OtlpReceiver();

        var run = await WorkerProcess.RunAsync(database.Url, receiver.Environment, "upgrade");

        Assert.True(run.ExitCode == 0, run.ToString());
        var traces = receiver.Payloads("/v1/traces");
        Assert.Contains("Migrating database", traces, StringComparison.Ordinal);
        Assert.All(Migrations.All, id => Assert.Contains($"apply {id}", traces, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failed_run_still_exports_its_error_spans()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseEngine.Sqlite);
        await WorkerProcess.RunAsync(database.Url, "upgrade", "CreatePlayersTable");
        await database.AddUserPlayerAsync(squadNumber: 10);
        using var receiver = new OtlpReceiver();

        var run = await WorkerProcess.RunAsync(database.Url, receiver.Environment, "upgrade");

        Assert.True(run.ExitCode == 1, run.ToString());
        var traces = receiver.Payloads("/v1/traces");
        Assert.Contains($"apply {Migrations.SeedStartingEleven}", traces, StringComparison.Ordinal);
        Assert.Contains("squad number 10 is held by Diego Maradona", traces, StringComparison.Ordinal);
    }

    /// <summary>
    /// Accepts OTLP/HTTP protobuf posts on a loopback port. Span names and messages are UTF-8 strings inside the
    /// protobuf payload, so searching the text is enough without a protobuf parser.
    /// </summary>
    private sealed class OtlpReceiver : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly ConcurrentQueue<(string Path, string Body)> _received = new();

        public OtlpReceiver()
        {
            var port = FreePort();
            Endpoint = $"http://127.0.0.1:{port}";
            _listener.Prefixes.Add($"{Endpoint}/");
            _listener.Start();
            _ = Task.Run(ServeAsync);
        }

        public string Endpoint { get; }

        public Dictionary<string, string> Environment => new()
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        };

        public string Payloads(string path) =>
            string.Join("\n", _received.Where(request => request.Path == path).Select(request => request.Body));

        public void Dispose() => _listener.Close();

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                _received.Enqueue((context.Request.Url!.AbsolutePath, Encoding.UTF8.GetString(body.ToArray())));
                context.Response.StatusCode = 200;
                context.Response.Close();
            }
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
