using System.Diagnostics;
using System.Net;
using System.Text;
using Players.Tests.Infrastructure;

namespace Players.Tests.Security;

/// <summary>The built API (<c>dotnet Players.Api.dll</c>) as a process on a loopback port, with its console captured.</summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartBound = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly StringBuilder _console = new();

    private ApiProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri Address { get; }

    /// <summary>Everything the process wrote to stdout and stderr so far.</summary>
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

    /// <summary>Starts the API without the variables named in <paramref name="unset"/> and waits until <c>/health</c> answers 200.</summary>
    public static async Task<ApiProcess> StartAsync(IReadOnlyDictionary<string, string> environment, params string[] unset)
    {
        var api = Start(environment, unset);
        using var http = new HttpClient { BaseAddress = api.Address, Timeout = TimeSpan.FromSeconds(10) };
        var elapsed = Stopwatch.StartNew();
        while (elapsed.Elapsed < StartBound && !api._process.HasExited)
        {
            try
            {
                using var health = await http.GetAsync("/health");
                if (health.StatusCode == HttpStatusCode.OK)
                {
                    return api;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        await api.DisposeAsync();
        throw new InvalidOperationException($"The API did not become healthy within {StartBound}:\n{api.Console}");
    }

    /// <summary>
    /// Starts the API without the variables named in <paramref name="unset"/> and waits for it to exit by itself, as
    /// it does when it refuses its configuration.
    /// </summary>
    public static async Task<(int ExitCode, string Console)> RunToExitAsync(IReadOnlyDictionary<string, string> environment, params string[] unset)
    {
        await using var api = Start(environment, unset);
        using var timeout = new CancellationTokenSource(StartBound);
        await api._process.WaitForExitAsync(timeout.Token);
        // The exit code is known once the process has exited; its last lines may still be on their way.
        api._process.WaitForExit();
        return (api._process.ExitCode, api.Console);
    }

    /// <summary>Production, as deployed, with writes explicitly open unless <paramref name="environment"/> says otherwise.</summary>
    private static ApiProcess Start(IReadOnlyDictionary<string, string> environment, IEnumerable<string> unset)
    {
        var address = new Uri($"http://127.0.0.1:{LoopbackPort.Free()}");
        var startInfo = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Players.Api.dll")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        startInfo.Environment.Remove("ConnectionStrings__playersdb");
        startInfo.Environment.Remove("DATABASE_URL");
        startInfo.Environment["ASPNETCORE_URLS"] = address.ToString();
        startInfo.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        startInfo.Environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = "";
        startInfo.Environment["Players__Api__Writes"] = "open";
        foreach (var (key, value) in environment)
        {
            startInfo.Environment[key] = value;
        }

        foreach (var key in unset)
        {
            startInfo.Environment.Remove(key);
        }

        return new ApiProcess(Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start dotnet."), address);
    }

    /// <summary>Sends <paramref name="signal"/> (<c>TERM</c> as a platform, <c>INT</c> as Ctrl+C) and returns the exit code.</summary>
    public Task<int> StopAsync(string signal, TimeSpan bound) => _process.StopAsync(signal, bound);

    /// <summary>Stops the API as a deployment would (SIGINT), so that it flushes its logs and spans; kills it if it hangs.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                await _process.StopAsync("INT", TimeSpan.FromSeconds(30));
            }
            catch (TimeoutException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.WaitForExit();
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
