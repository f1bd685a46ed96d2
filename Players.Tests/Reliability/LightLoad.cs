using System.Collections.Concurrent;
using System.Diagnostics;

namespace Players.Tests.Reliability;

/// <summary>A few reads a second in the background, recording every answer (or transport failure) and how long it took.</summary>
public sealed class LightLoad : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;

    public LightLoad(HttpClient http, params string[] paths)
    {
        _running = Task.WhenAll(paths.Select(path => RunAsync(http, path)));
    }

    public ConcurrentQueue<(string Path, int Status, TimeSpan Elapsed)> Answers { get; } = new();

    private async Task RunAsync(HttpClient http, string path)
    {
        while (!_stop.IsCancellationRequested)
        {
            var elapsed = Stopwatch.StartNew();
            try
            {
                using var response = await http.GetAsync(path, _stop.Token);
                Answers.Enqueue((path, (int)response.StatusCode, elapsed.Elapsed));
            }
            catch (HttpRequestException)
            {
                // Status 0: the API itself did not answer (refused or reset), which a crash would cause.
                Answers.Enqueue((path, 0, elapsed.Elapsed));
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (OperationCanceledException)
            {
                // Status -1: the client's timeout passed with no answer.
                Answers.Enqueue((path, -1, elapsed.Elapsed));
            }

            try
            {
                await Task.Delay(100, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running.WaitAsync(TimeSpan.FromSeconds(40));
        _stop.Dispose();
    }
}
