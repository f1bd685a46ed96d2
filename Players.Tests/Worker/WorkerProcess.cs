using System.Diagnostics;
using Players.Tests.Infrastructure;

namespace Players.Tests.Worker;

/// <summary>
/// The built worker (<c>dotnet Players.MigrationService.dll …</c>) as a <see cref="ServiceProcess"/> against a database
/// URL: run to its exit within a bound, or left running for tests that kill or signal it.
/// </summary>
public static class WorkerProcess
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(90);

    public static string AssemblyPath { get; } = Path.Combine(AppContext.BaseDirectory, "Players.MigrationService.dll");

    public static Task<ProcessRun> RunAsync(string databaseUrl, params string[] arguments) =>
        RunAsync(databaseUrl, new Dictionary<string, string>(), arguments);

    public static Task<ProcessRun> RunAsync(string databaseUrl, IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        ProcessRun.RunAsync(StartInfo(databaseUrl, environment, arguments), DefaultTimeout, $"The worker ({string.Join(' ', arguments)})");

    /// <summary>Starts the worker and leaves it running, its console captured.</summary>
    public static ServiceProcess Start(string databaseUrl, params string[] arguments) =>
        Start(databaseUrl, new Dictionary<string, string>(), arguments);

    public static ServiceProcess Start(string databaseUrl, IReadOnlyDictionary<string, string> environment, string[] arguments) =>
        ServiceProcess.Start(StartInfo(databaseUrl, environment, arguments));

    private static ProcessStartInfo StartInfo(string databaseUrl, IReadOnlyDictionary<string, string> environment, string[] arguments)
    {
        var startInfo = new ProcessStartInfo("dotnet", [AssemblyPath, .. arguments])
        {
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
