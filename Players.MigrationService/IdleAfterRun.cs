using Players.Contracts;

namespace Players.MigrationService;

/// <summary>
/// <c>Players:Migrations:IdleAfterRun</c>, which the AppHost writes into the manifest for deployment: a platform that
/// restarts every process that exits (Azure Container Apps) would loop a one-shot worker. With it the worker stays
/// alive, doing nothing, after a run that succeeded or that no retry can fix (usage, configuration, drift, lint), and exits
/// only when stopped; a run that could not complete (exit 1) still exits, so the platform retries it.
/// </summary>
internal static partial class IdleAfterRun
{
    /// <summary>Waits until the host stops when the setting asks for it and <paramref name="exitCode"/> allows it.</summary>
    public static async Task<int> WaitIfConfiguredAsync(int exitCode, IConfiguration configuration, ILogger logger, CancellationToken stopping)
    {
        var value = configuration[WorkerSettings.IdleAfterRun];
        if (string.IsNullOrWhiteSpace(value))
        {
            return exitCode;
        }

        if (!bool.TryParse(value, out var idle))
        {
            LogInvalid(logger, WorkerSettings.IdleAfterRun, value);
            return WorkerExitCodes.UsageError;
        }

        if (!idle || exitCode == WorkerExitCodes.Failure)
        {
            return exitCode;
        }

        if (exitCode == WorkerExitCodes.Success)
        {
            LogMigratedIdle(logger);
        }
        else
        {
            LogRefusedIdle(logger, exitCode);
        }

        try
        {
            await Task.Delay(Timeout.Infinite, stopping);
        }
        catch (OperationCanceledException)
        {
            // Stopped (SIGTERM): the run's result stands.
        }

        return exitCode;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "migrated; idle until stopped")]
    private static partial void LogMigratedIdle(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "exit {ExitCode}: no retry can fix this run; idle until stopped, so that the platform does not restart the worker in a loop")]
    private static partial void LogRefusedIdle(ILogger logger, int exitCode);

    [LoggerMessage(Level = LogLevel.Error, Message = "Invalid {Key} '{Value}': write true or false.")]
    private static partial void LogInvalid(ILogger logger, string key, string value);
}
