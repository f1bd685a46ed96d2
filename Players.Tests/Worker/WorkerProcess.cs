using System.Diagnostics;
using Players.Tests.Infrastructure;

namespace Players.Tests.Worker;

/// <summary>Runs the built worker (<c>dotnet Players.MigrationService.dll …</c>) against a database URL, bounded by a timeout.</summary>
public static class WorkerProcess
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(90);

    public static string AssemblyPath { get; } = Path.Combine(AppContext.BaseDirectory, "Players.MigrationService.dll");

    public static Task<ProcessRun> RunAsync(string databaseUrl, params string[] arguments) =>
        RunAsync(databaseUrl, new Dictionary<string, string>(), arguments);

    public static Task<ProcessRun> RunAsync(string databaseUrl, IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        ProcessRun.RunAsync(StartInfo(databaseUrl, environment, arguments), DefaultTimeout, $"The worker ({string.Join(' ', arguments)})");

    /// <summary>Starts the worker and leaves it running, for tests that kill it; its output is read and dropped.</summary>
    public static Process Start(string databaseUrl, params string[] arguments) =>
        Start(databaseUrl, new Dictionary<string, string>(), arguments, captureOutput: false);

    /// <summary>Starts the worker and leaves it running; with <paramref name="captureOutput"/> the caller reads its output.</summary>
    public static Process Start(string databaseUrl, IReadOnlyDictionary<string, string> environment, string[] arguments, bool captureOutput)
    {
        var process = Process.Start(StartInfo(databaseUrl, environment, arguments))
            ?? throw new InvalidOperationException("Could not start dotnet.");
        if (!captureOutput)
        {
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        return process;
    }

    private static ProcessStartInfo StartInfo(string databaseUrl, IReadOnlyDictionary<string, string> environment, string[] arguments)
    {
        var startInfo = new ProcessStartInfo("dotnet", [AssemblyPath, .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };

        // Only the URL chooses the database; no exporter, so nothing waits for a collector at exit.
        startInfo.Environment["DATABASE_URL"] = databaseUrl;
        startInfo.Environment.Remove("ConnectionStrings__playersdb");
        startInfo.Environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = "";
        startInfo.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment)
        {
            startInfo.Environment[key] = value;
        }

        return startInfo;
    }
}
