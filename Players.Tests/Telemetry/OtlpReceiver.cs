using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Players.Tests.Infrastructure;

namespace Players.Tests.Telemetry;

/// <summary>
/// A minimal OTLP/HTTP endpoint on loopback that accepts every export and keeps the raw protobuf bodies: searched as
/// bytes (a span name is a plain UTF-8 string inside the payload), or decoded into spans and log records. It can pass
/// every export on to another OTLP/HTTP endpoint (the dashboard's), so a test and the dashboard both see it.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private static readonly HttpClient ForwardClient = new();
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<byte[]> _traceExports = new();
    private readonly ConcurrentQueue<byte[]> _logExports = new();
    private readonly ConcurrentQueue<byte[]> _allExports = new();
    private readonly ConcurrentQueue<string> _forwardFailures = new();
    private readonly Task _serving;
    private Func<CancellationToken, Task<OtlpForward>>? _forward;

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

    /// <summary>Why exports could not be passed on (see <see cref="ForwardTo"/>), to explain a missing trace.</summary>
    public IReadOnlyList<string> ForwardFailures => [.. _forwardFailures];

    /// <summary>
    /// Passes every export received from now on to the OTLP/HTTP endpoint <paramref name="target"/> resolves to (asked
    /// once per export, so it may wait until that endpoint exists), before answering the exporter.
    /// </summary>
    public void ForwardTo(Func<CancellationToken, Task<OtlpForward>> target) => _forward = target;

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

            if (_forward is { } forward)
            {
                await ForwardAsync(forward, path, body.ToArray());
            }

            // An empty Export*ServiceResponse message is zero bytes of protobuf.
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }

    private async Task ForwardAsync(Func<CancellationToken, Task<OtlpForward>> forward, string path, byte[] body)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var target = await forward(timeout.Token);
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(target.Endpoint, path))
            {
                Content = new ByteArrayContent(body),
            };
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-protobuf");
            foreach (var (name, value) in target.Headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }

            using var response = await ForwardClient.SendAsync(request, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                _forwardFailures.Enqueue($"{path}: {(int)response.StatusCode} from {target.Endpoint}");
            }
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException or InvalidOperationException)
        {
            _forwardFailures.Enqueue($"{path}: {exception.Message}");
        }
    }
}

/// <summary>Where an <see cref="OtlpReceiver"/> passes its exports on: an OTLP/HTTP base address and the headers it wants.</summary>
public sealed record OtlpForward(Uri Endpoint, IReadOnlyDictionary<string, string> Headers);
