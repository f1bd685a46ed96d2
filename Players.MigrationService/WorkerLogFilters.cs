namespace Players.MigrationService;

/// <summary>
/// Which log lines the worker prints: its own and EF Core's migration lines, EF Core's warnings, no per-command
/// chatter. Shared by the process and by the tests that run <see cref="MigrationWorker"/> in theirs.
/// </summary>
public static class WorkerLogFilters
{
    public static ILoggingBuilder AddWorkerLogFilters(this ILoggingBuilder logging) => logging
        .AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning)
        .AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning)
        .AddFilter("Microsoft.EntityFrameworkCore.Migrations", LogLevel.Information);
}
