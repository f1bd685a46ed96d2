using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Players.Tests.LockWaits;

/// <summary>
/// Asks the API for a few paths over and over, one request at a time per path, and keeps how long each answer took:
/// the traffic a migration must not queue behind it.
/// </summary>
public sealed class LookupSampler : IAsyncDisposable
{
    // A pause between requests keeps the loops from taking the 2-core machine from the migration they measure.
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(20);

    private readonly CancellationTokenSource _stop = new();
    private readonly List<Sample> _samples = [];
    private readonly Task[] _loops;
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    private LookupSampler(HttpClient client, IReadOnlyList<string> paths)
    {
        _loops = [.. paths.Select(path => Task.Run(() => LoopAsync(client, path, _stop.Token)))];
    }

    /// <summary>One answer: what was asked, when (since the sampler started), how long it took and its status.</summary>
    public sealed record Sample(string Path, TimeSpan Started, TimeSpan Elapsed, HttpStatusCode Status)
    {
        public override string ToString() => string.Create(
            CultureInfo.InvariantCulture, $"{Path} at {Started.TotalMilliseconds:0} ms: {(int)Status} in {Elapsed.TotalMilliseconds:0} ms");
    }

    /// <summary>Time since the sampler started, on the clock of <see cref="Sample.Started"/>.</summary>
    public TimeSpan Now => _clock.Elapsed;

    public static LookupSampler Start(HttpClient client, params string[] paths) => new(client, paths);

    /// <summary>Stops asking, waits for the answers in flight, and returns every sample.</summary>
    public async Task<IReadOnlyList<Sample>> StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_loops);
        lock (_samples)
        {
            return [.. _samples];
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    private async Task LoopAsync(HttpClient client, string path, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var started = _clock.Elapsed;
            // Not cancelled by stop: the last answer is measured whole, however long it waits.
            using (var response = await client.GetAsync(path, CancellationToken.None))
            {
                await response.Content.ReadAsByteArrayAsync(CancellationToken.None);
                lock (_samples)
                {
                    _samples.Add(new Sample(path, started, _clock.Elapsed - started, response.StatusCode));
                }
            }

            try
            {
                await Task.Delay(Pause, stop);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }
}
