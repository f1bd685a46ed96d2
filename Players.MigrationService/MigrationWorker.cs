using System.Text.Json;
using Players.Data;
using Players.Data.Migrating;
using Players.Data.Migrating.Integrity;

namespace Players.MigrationService;

/// <summary>
/// The worker's whole job, callable from tests: read the command, run it through <see cref="PlayersMigrator"/>,
/// write command output to <c>output</c>, and decide the exit code (DESIGN's "Worker exit codes and status").
/// </summary>
public sealed class MigrationWorker(IConfiguration configuration, ILoggerFactory loggerFactory)
{
    /// <summary>Done, or nothing to do.</summary>
    public const int Success = 0;

    /// <summary>Could not complete: a failing migration, the database unreachable, the lock budget spent.</summary>
    public const int Failure = 1;

    /// <summary>Usage or configuration error; nothing was touched.</summary>
    public const int UsageError = 2;

    /// <summary>An applied migration's checksum differs from this build's: the database ran other code.</summary>
    public const int Drift = 3;

    /// <summary><c>check</c> found differences between the live schema and the migrations.</summary>
    public const int SchemaDifferences = 4;

    /// <summary>The upgrade target when none is given (the AppHost sets <c>Players__Migrations__Target</c>).</summary>
    public const string TargetKey = MigratorBudgets.Section + ":Target";

    private readonly ILogger _logger = loggerFactory.CreateLogger<MigrationWorker>();

    public async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        try
        {
            var commandLine = WorkerCommandLine.Parse(args, configuration[TargetKey]);
            if (commandLine.Command == "help")
            {
                await output.WriteLineAsync(WorkerCommandLine.Usage);
                return Success;
            }

            if (commandLine.Command == "sum")
            {
                // Computed from the code alone: no database is selected, so no setting can stop it.
                return await WriteSumAsync(commandLine.File, output, cancellationToken);
            }

            var migrator = new PlayersMigrator(DatabaseSelection.Resolve(configuration), loggerFactory, MigratorBudgets.From(configuration));
            return await RunAsync(commandLine, migrator, output, cancellationToken);
        }
        catch (Exception exception) when (exception is WorkerUsageException or MigrationTargetException or DatabaseConfigurationException)
        {
            _logger.LogError("{Message}", exception.Message);
            return UsageError;
        }
        catch (MigrationDriftException exception)
        {
            foreach (var drifted in exception.Report.Drifted)
            {
                _logger.LogError("{Drift}", drifted.DriftLine);
            }

            _logger.LogError("Refused: nothing was changed.");
            return Drift;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _logger.LogError("Cancelled before the command finished.");
            return Failure;
        }
        catch (Exception exception)
        {
            _logger.LogError("{Message}", Describe(exception));
            return Failure;
        }
    }

    private async Task<int> RunAsync(WorkerCommandLine commandLine, PlayersMigrator migrator, TextWriter output, CancellationToken cancellationToken)
    {
        switch (commandLine.Command)
        {
            case "upgrade":
                await migrator.UpgradeAsync(commandLine.Target!, cancellationToken);
                return Success;
            case "downgrade":
                await migrator.DowngradeAsync(commandLine.Target!, cancellationToken);
                return Success;
            case "status":
                await WriteStatusAsync(await migrator.GetStatusAsync(cancellationToken), commandLine.Json, output);
                return Success;
            case "script":
                await output.WriteAsync(migrator.Script(commandLine.From, commandLine.To, commandLine.Idempotent));
                return Success;
            case "check":
                return await CheckAsync(migrator, output, cancellationToken);
            case "verify":
                var integrity = await migrator.VerifyAsync(cancellationToken);
                foreach (var line in integrity.Lines())
                {
                    await output.WriteLineAsync(line);
                }

                return integrity.Drifted.Count == 0 ? Success : Drift;
            case "repair":
                var changes = await migrator.RepairAsync(cancellationToken);
                await output.WriteLineAsync(changes.Count == 0
                    ? "Nothing to repair: every applied migration's checksum matches this build."
                    : $"Re-stamped {changes.Count} applied migration(s) with this build's checksums: {string.Join(", ", changes.Select(change => change.MigrationId))}.");
                return Success;
            default:
                return await UnlockAsync(migrator, output, cancellationToken);
        }
    }

    private static async Task WriteStatusAsync(MigrationStatus status, bool json, TextWriter output)
    {
        if (json)
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(StatusDocument.From(status), WorkerJsonContext.Default.StatusDocument));
            return;
        }

        foreach (var line in status.Lines())
        {
            await output.WriteLineAsync(line);
        }
    }

    private async Task<int> CheckAsync(PlayersMigrator migrator, TextWriter output, CancellationToken cancellationToken)
    {
        var check = await migrator.CheckSchemaAsync(cancellationToken);
        foreach (var line in check.Lines())
        {
            await output.WriteLineAsync(line);
        }

        if (check.Matches)
        {
            _logger.LogInformation("Checked {Database} against {Current} in {Milliseconds} ms: no differences.",
                check.Database, check.Current, (long)check.Elapsed.TotalMilliseconds);
            return Success;
        }

        _logger.LogError(
            "The schema of {Database} differs from migration {Current} in {Count} place(s), checked in {Milliseconds} ms: it was changed outside the migrations.",
            check.Database, check.Current, check.Differences.Count, (long)check.Elapsed.TotalMilliseconds);
        return SchemaDifferences;
    }

    private async Task<int> WriteSumAsync(string? file, TextWriter output, CancellationToken cancellationToken)
    {
        var entries = MigrationsSum.OfBuild();
        var text = MigrationsSum.Write(entries);
        if (file == "-")
        {
            await output.WriteAsync(text);
            return Success;
        }

        var path = Path.GetFullPath(file ?? MigrationsSum.RelativePath);
        if (!Directory.Exists(Path.GetDirectoryName(path)))
        {
            throw new WorkerUsageException(
                $"Cannot write {path}: its folder does not exist. Run `sum` from the repository root, or name the file: sum FILE (- for stdout).");
        }

        await File.WriteAllTextAsync(path, text, cancellationToken);
        _logger.LogInformation("Wrote the checksums of {Count} migrations to {Path}.", entries.Count, path);
        return Success;
    }

    private async Task<int> UnlockAsync(PlayersMigrator migrator, TextWriter output, CancellationToken cancellationToken)
    {
        switch (await migrator.UnlockAsync(cancellationToken))
        {
            case UnlockResult.HeldByRunningMigration:
                _logger.LogError(
                    "A running migration holds the migration lock of {Database}: nothing was removed. Let it finish, then run again.",
                    migrator.Target.Description);
                return Failure;
            case UnlockResult.Removed:
                await output.WriteLineAsync($"Removed the stale migration lock of {migrator.Target.Description}.");
                return Success;
            case UnlockResult.NoLock:
                await output.WriteLineAsync($"No migration lock to remove in {migrator.Target.Description}.");
                return Success;
            default:
                await output.WriteLineAsync(
                    "PostgreSQL's migration lock is a table lock that ends with the session holding it: there is never a stale lock to remove.");
                return Success;
        }
    }

    // Provider exceptions wrap the cause (a retry limit, a failed command); print the chain, not a stack trace.
    private static string Describe(Exception exception)
    {
        var messages = new List<string>();
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (!messages.Any(message => message.Contains(current.Message, StringComparison.Ordinal)))
            {
                messages.Add(current.Message);
            }
        }

        return string.Join(" ← ", messages).ReplaceLineEndings(" ");
    }
}
