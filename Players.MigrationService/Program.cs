using Microsoft.Extensions.Logging.Console;
using OpenTelemetry.Trace;
using Players.Data.Migrating.Telemetry;

namespace Players.MigrationService;

// A named class in this namespace rather than top-level statements: the tests reference both this project and the
// API, and two global Program types would make the API's WebApplicationFactory<Program> ambiguous.
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        // The arguments are commands and targets ("downgrade -1"), not configuration switches.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        builder.AddServiceDefaults();

        // stdout carries only command output (a script, a status): every log line goes to stderr, one line each.
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss.fff ";
        });
        builder.Services.Configure<ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.AddWorkerLogFilters();

        // Npgsql's own command spans nest under the "apply …" spans, showing each statement a migration ran.
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddSource(MigrationTelemetry.SourceName, "Npgsql"));
        builder.Services.AddSingleton<MigrationWorker>();

        // The command runs here, not in a BackgroundService, so its result is the exit code (dotnet/runtime#67146);
        // a stop (SIGTERM, Ctrl+C) cancels the run (exit 1) or ends the idle wait (the run's code). StopAsync exports
        // the last spans and logs (the service defaults' stopped hook) before the host is disposed.
        using var host = builder.Build();
        await host.StartAsync();
        var stopping = host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        var exitCode = await host.Services.GetRequiredService<MigrationWorker>().RunAsync(args, Console.Out, stopping);
        exitCode = await IdleAfterRun.WaitIfConfiguredAsync(
            exitCode, host.Services.GetRequiredService<IConfiguration>(), host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(IdleAfterRun)), stopping);
        await host.StopAsync();
        return exitCode;
    }
}
