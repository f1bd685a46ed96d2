using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Players.Tests.Infrastructure;

namespace Players.Tests.Telemetry;

/// <summary>
/// A minimal OTLP/HTTP endpoint on loopback that accepts every export and keeps the raw protobuf bodies: searched as
/// bytes (a span name is a plain UTF-8 string inside the payload), or decoded into spans and log records.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<byte[]> _traceExports = new();
    private readonly ConcurrentQueue<byte[]> _logExports = new();
    private readonly ConcurrentQueue<byte[]> _allExports = new();
    private readonly Task _serving;

    public OtlpReceiver()
    {
        Endpoint = new Uri($"http://127.0.0.1:{LoopbackPort.Free()}/");
        _listener.Prefixes.Add(Endpoint.ToString());
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public Uri Endpoint { get; }

    /// <summary>What points a process's OpenTelemetry exporter at this receiver.</summary>
    public IReadOnlyDictionary<string, string> ExporterEnvironment => new Dictionary<string, string>
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Endpoint.ToString().TrimEnd('/'),
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
    };

    /// <summary>Whether any trace export received so far contains <paramref name="text"/> in UTF-8.</summary>
    public bool ReceivedTraceContaining(string text)
    {
        var needle = Encoding.UTF8.GetBytes(text);
        return _traceExports.Any(body => body.AsSpan().IndexOf(needle) >= 0);
    }

    /// <summary>Every export received so far (traces, logs, metrics), as raw bytes.</summary>
    public IReadOnlyList<byte[]> AllExports => [.. _allExports];

    public int TraceExportCount => _traceExports.Count;

    /// <summary>Every span received so far, decoded.</summary>
    public IReadOnlyList<ExportedSpan> Spans => [.. _traceExports.SelectMany(OtlpExports.Spans)];

    /// <summary>Every log record received so far, decoded.</summary>
    public IReadOnlyList<ExportedLog> Logs => [.. _logExports.SelectMany(OtlpExports.Logs)];

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _serving;
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            _allExports.Enqueue(body.ToArray());
            var path = context.Request.Url?.AbsolutePath ?? "";
            if (path.EndsWith("/v1/traces", StringComparison.Ordinal))
            {
                _traceExports.Enqueue(body.ToArray());
            }
            else if (path.EndsWith("/v1/logs", StringComparison.Ordinal))
            {
                _logExports.Enqueue(body.ToArray());
            }

            // An empty Export*ServiceResponse message is zero bytes of protobuf.
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }
}
