using System.Diagnostics;
using System.Text;
using Players.Tests.Infrastructure;
using Players.Tests.Worker;

namespace Players.Tests.Deployment;

/// <summary>The worker as deployed (<c>Players__Migrations__IdleAfterRun=true</c>), left running, with its console captured.</summary>
public sealed class IdleWorker : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _console = new();

    private IdleWorker(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string Console
    {
        get
        {
            lock (_console)
            {
                return _console.ToString();
            }
        }
    }

    public static IdleWorker Start(string databaseUrl, IReadOnlyDictionary<string, string>? environment = null, params string[] arguments)
    {
        var settings = new Dictionary<string, string>(environment ?? new Dictionary<string, string>())
        {
            ["Players__Migrations__IdleAfterRun"] = "true",
        };
        return new IdleWorker(WorkerProcess.Start(databaseUrl, settings, arguments, captureOutput: true));
    }

    /// <summary>Waits until the console holds <paramref name="text"/>; fails naming what it holds if the worker exits or the bound passes.</summary>
    public async Task WaitForConsoleAsync(string text, TimeSpan bound)
    {
        var elapsed = Stopwatch.StartNew();
        while (!Console.Contains(text, StringComparison.Ordinal))
        {
            Assert.False(_process.HasExited && !Console.Contains(text, StringComparison.Ordinal),
                $"The worker exited {(_process.HasExited ? _process.ExitCode : -1)} without logging '{text}':\n{Console}");
            Assert.True(elapsed.Elapsed < bound, $"The worker logged no '{text}' within {bound}:\n{Console}");
            await Task.Delay(50);
        }
    }

    /// <summary>Sends SIGTERM, as a platform stopping a revision does, and returns the exit code.</summary>
    public Task<int> TerminateAsync(TimeSpan bound) => _process.StopAsync("TERM", bound);

    public async Task<int> WaitForExitAsync(TimeSpan bound)
    {
        await _process.WaitForExitAsync().WaitAsync(bound);
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_console)
            {
                _console.AppendLine(line);
            }
        }
    }
}
