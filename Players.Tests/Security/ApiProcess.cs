using System.Diagnostics;
using Players.Tests.Infrastructure;

namespace Players.Tests.Security;

/// <summary>The built API (<c>dotnet Players.Api.dll</c>) as a <see cref="ServiceProcess"/> on a loopback port.</summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartBound = TimeSpan.FromSeconds(60);
    private readonly ServiceProcess _process;

    private ApiProcess(ServiceProcess process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>Everything the process wrote to stdout and stderr so far.</summary>
    public string Console => _process.Console;

    /// <summary>Starts the API without the variables named in <paramref name="unset"/> and waits until <c>/health</c> answers 200.</summary>
    public static async Task<ApiProcess> StartAsync(IReadOnlyDictionary<string, string> environment, params string[] unset)
    {
        var api = Start(environment, unset);
        try
        {
            await api._process.WaitForHealthAsync(api.Address, StartBound, "The API");
            return api;
        }
        catch
        {
            await api.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Starts the API without the variables named in <paramref name="unset"/> and waits for it to exit by itself, as
    /// it does when it refuses its configuration.
    /// </summary>
    public static async Task<(int ExitCode, string Console)> RunToExitAsync(IReadOnlyDictionary<string, string> environment, params string[] unset)
    {
        await using var api = Start(environment, unset);
        var exitCode = await api._process.WaitForExitAsync(StartBound);
        return (exitCode, api.Console);
    }

    /// <summary>Production, as deployed, with writes explicitly open unless <paramref name="environment"/> says otherwise.</summary>
    private static ApiProcess Start(IReadOnlyDictionary<string, string> environment, IEnumerable<string> unset)
    {
        var address = new Uri($"http://127.0.0.1:{LoopbackPort.Free()}");
        var startInfo = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Players.Api.dll")])
        {
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

        return new ApiProcess(ServiceProcess.Start(startInfo), address);
    }

    /// <summary>Sends <paramref name="signal"/> (<c>TERM</c> as a platform, <c>INT</c> as Ctrl+C) and returns the exit code.</summary>
    public Task<int> StopAsync(string signal, TimeSpan bound) => _process.StopAsync(signal, bound);

    /// <summary>Stops the API as a deployment would (SIGINT), so that it flushes its logs and spans; kills it if it hangs.</summary>
    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
