using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Players.Tests.Infrastructure;

/// <summary>
/// One process of the tests (the worker, the API, <c>dotnet ef</c>, a built AppHost): started with its stdout and
/// stderr captured apart and interleaved, waited for (a <c>/health</c> of 200, a console line, its exit), stopped with
/// a signal or killed, and never left behind. <see cref="ProcessRun"/> is what a run to its exit left.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable, IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _errors = new();
    private readonly StringBuilder _console = new();
    private readonly Task _outputClosed;
    private readonly Task _errorsClosed;
    private readonly Stopwatch _elapsed = Stopwatch.StartNew();

    private ServiceProcess(Process process)
    {
        _process = process;
        // Read as written, not line by line: stdout is compared byte for byte (a script, a status document).
        _outputClosed = ReadAsync(process.StandardOutput, _output);
        _errorsClosed = ReadAsync(process.StandardError, _errors);
    }

    /// <summary>Starts <paramref name="startInfo"/> with both streams redirected and read from the start.</summary>
    public static ServiceProcess Start(ProcessStartInfo startInfo)
    {
        startInfo.RedirectStandardOutput = true;
        startInfo.RedirectStandardError = true;
        return new ServiceProcess(Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {startInfo.FileName}."));
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>What it wrote to stdout so far.</summary>
    public string Output => Read(_output);

    /// <summary>What it wrote to stderr so far.</summary>
    public string Errors => Read(_errors);

    /// <summary>Both streams as one console, in the order their pieces arrived.</summary>
    public string Console => Read(_console);

    /// <summary>
    /// Waits for the exit and for the last line of both streams; past <paramref name="timeout"/> it kills the process
    /// tree and throws, naming <paramref name="what"/> and what it had printed.
    /// </summary>
    public async Task<ProcessRun> WaitForExitAsync(TimeSpan timeout, string what)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
            await Task.WhenAll(_outputClosed, _errorsClosed).WaitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"{what} did not exit within {timeout.TotalSeconds:0} s; it printed:\n{Output}\n{Errors}");
        }

        return new ProcessRun(_process.ExitCode, Output, Errors, _elapsed.Elapsed);
    }

    /// <summary>Waits until <c>GET /health</c> at <paramref name="address"/> answers 200; throws with the console if it exits first or the bound passes.</summary>
    public async Task WaitForHealthAsync(Uri address, TimeSpan bound, string what)
    {
        if (await HealthProbe.WaitForOkAsync(address, bound, giveUp: () => _process.HasExited))
        {
            return;
        }

        throw new InvalidOperationException(_process.HasExited
            ? $"{what} exited {_process.ExitCode} before it was healthy:\n{Console}"
            : $"{what} did not become healthy within {bound}:\n{Console}");
    }

    /// <summary>Waits until the console holds <paramref name="text"/>; fails naming what it holds if the process exits or the bound passes.</summary>
    public async Task WaitForConsoleAsync(string text, TimeSpan bound)
    {
        var elapsed = Stopwatch.StartNew();
        while (!Console.Contains(text, StringComparison.Ordinal))
        {
            Assert.False(_process.HasExited && !Console.Contains(text, StringComparison.Ordinal),
                $"The process exited {(_process.HasExited ? _process.ExitCode : -1)} without printing '{text}':\n{Console}");
            Assert.True(elapsed.Elapsed < bound, $"The process printed no '{text}' within {bound}:\n{Console}");
            await Task.Delay(50);
        }
    }

    /// <summary>Waits for the exit, failing past <paramref name="bound"/>, and returns the exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan bound)
    {
        await _process.WaitForExitAsync().WaitAsync(bound);
        await Task.WhenAll(_outputClosed, _errorsClosed).WaitAsync(bound);
        return _process.ExitCode;
    }

    /// <summary>Sends <paramref name="signal"/> (<c>TERM</c> as a platform, <c>INT</c> as Ctrl+C) and returns the exit code, failing past <paramref name="bound"/>.</summary>
    public async Task<int> StopAsync(string signal, TimeSpan bound)
    {
        using (var kill = Process.Start("kill", [$"-{signal}", _process.Id.ToString(CultureInfo.InvariantCulture)])
            ?? throw new InvalidOperationException("Could not start kill."))
        {
            await kill.WaitForExitAsync();
        }

        await _process.WaitForExitAsync().WaitAsync(bound);
        // The exit code is known once the process has exited; its last lines of output may still be on their way.
        await Task.WhenAll(_outputClosed, _errorsClosed).WaitAsync(bound);
        return _process.ExitCode;
    }

    /// <summary>Kills the process tree at once, as a crash or an OOM kill would end it.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
    }

    /// <summary>Stops it as a deployment would (SIGINT), so that it flushes its logs and spans; kills it if it hangs.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                await StopAsync("INT", TimeSpan.FromSeconds(30));
            }
            catch (TimeoutException)
            {
                Kill();
            }
        }

        _process.WaitForExit();
        _process.Dispose();
    }

    /// <summary>Kills it if it still runs: for processes a test ends on purpose or leaves no reason to flush.</summary>
    public void Dispose()
    {
        Kill();
        _process.WaitForExit();
        _process.Dispose();
    }

    private async Task ReadAsync(StreamReader stream, StringBuilder into)
    {
        var buffer = new char[4096];
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            lock (_console)
            {
                into.Append(buffer, 0, read);
                _console.Append(buffer, 0, read);
            }
        }
    }

    private string Read(StringBuilder text)
    {
        lock (_console)
        {
            return text.ToString();
        }
    }
}
