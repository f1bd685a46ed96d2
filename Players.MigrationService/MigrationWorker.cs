using Microsoft.EntityFrameworkCore;
using Players.Contracts;
using Players.Data;
using Players.Data.Migrating;
using Players.Data.Migrating.Integrity;
using Players.Data.Migrating.Lint;
using Players.Data.Migrating.Locking;
using Players.Data.Migrating.Planning;
using static Players.Contracts.WorkerExitCodes;

namespace Players.MigrationService;

/// <summary>
/// The worker's whole job, callable from tests: read the command, run it through <see cref="PlayersMigrator"/>,
/// write command output to <c>output</c>, and decide the exit code (docs/migrations.md, "Output and exit codes").
/// </summary>
public sealed class MigrationWorker(IConfiguration configuration, ILoggerFactory loggerFactory)
{
    private readonly ILogger _logger = loggerFactory.CreateLogger<MigrationWorker>();

    /// <summary>Given to the migrator's contexts; tests run migrations of their own through it.</summary>
    internal Action<DbContextOptionsBuilder>? ConfigureMigratorContext { get; init; }

    /// <summary>
    /// Runs the command in <paramref name="args"/> and returns its exit code; its output goes to <paramref name="output"/>
    /// and, with <c>--result-file PATH</c>, the outcome also to that file (the AppHost's commands read it).
    /// </summary>
    public async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        var (arguments, resultFile) = WorkerResultFile.Split(args);
        var captured = new StringWriter();
        var outcome = resultFile.Error is { } usage
            ? Fail(UsageError, usage)
            : await RunCommandAsync(arguments, captured, cancellationToken);
        var commandOutput = captured.ToString();
        await output.WriteAsync(commandOutput);
        if (resultFile.Path is { } path)
        {
            await new WorkerResult(outcome.ExitCode, outcome.Message, commandOutput).WriteAsync(path, CancellationToken.None);
        }

        return outcome.ExitCode;
    }

    private async Task<WorkerOutcome> RunCommandAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        try
        {
            var commandLine = WorkerCommandLine.Parse(args, configuration[WorkerSettings.Target]);
            if (commandLine.Command == "help")
            {
                await output.WriteLineAsync(WorkerCommandLine.Usage);
                return new(Success, "usage printed");
            }

            if (commandLine.Command == "sum")
            {
                // Computed from the code alone: no database is selected, so no setting can stop it.
                return await WriteSumAsync(commandLine.File, output, cancellationToken);
            }

            var migrator = new PlayersMigrator(DatabaseSelection.Resolve(configuration), loggerFactory, MigratorBudgets.From(configuration))
            {
                ConfigureContext = ConfigureMigratorContext,
            };
            return await RunAsync(commandLine, migrator, output, cancellationToken);
        }
        catch (Exception exception) when (exception is WorkerUsageException or MigrationTargetException or DatabaseConfigurationException)
        {
            return Fail(UsageError, exception.Message);
        }
        catch (MigrationDriftException exception)
        {
            foreach (var drifted in exception.Report.Drifted)
            {
                _logger.LogError("{Drift}", drifted.DriftLine);
            }

            _logger.LogError("Refused: nothing was changed.");
            return new(Drift, $"{string.Join(" ", exception.Report.Drifted.Select(drifted => drifted.DriftLine))} Refused: nothing was changed.");
        }
        catch (MigrationLintException exception)
        {
            foreach (var finding in exception.Report.Refusing)
            {
                _logger.LogError("{Finding}", finding.Line);
            }

            _logger.LogError("Refused: nothing was changed.");
            return new(LintRefused, exception.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Fail(Failure, "Cancelled before the command finished.");
        }
        catch (Exception exception)
        {
            return Fail(Failure, Describe(exception));
        }
    }

    /// <summary>Logs the one-line reason at Error and returns it with the exit code.</summary>
    private WorkerOutcome Fail(int exitCode, string reason)
    {
        _logger.LogError("{Message}", reason);
        return new(exitCode, reason);
    }

    private async Task<WorkerOutcome> RunAsync(WorkerCommandLine commandLine, PlayersMigrator migrator, TextWriter output, CancellationToken cancellationToken)
    {
        switch (commandLine.Command)
        {
            case "upgrade":
                return new(Success, (await migrator.UpgradeAsync(commandLine.Target!, cancellationToken)).Summary(migrator.Target));
            case "downgrade":
                return new(Success, (await migrator.DowngradeAsync(commandLine.Target!, cancellationToken)).Summary(migrator.Target));
            case "status":
                var status = await migrator.GetStatusAsync(cancellationToken);
                await WriteStatusAsync(status, commandLine.Json, output);
                return new(Success, $"current: {status.Current}; {status.Pending.Count} pending");
            case "history":
                return await HistoryAsync(migrator, commandLine.Json, output, cancellationToken);
            case "script":
                await output.WriteAsync(migrator.Script(commandLine.From, commandLine.To, commandLine.Idempotent));
                return new(Success, $"The SQL from {commandLine.From} to {commandLine.To}{(commandLine.Idempotent ? ", idempotent" : "")}.");
            case "check":
                return await CheckAsync(migrator, output, cancellationToken);
            case "lint":
                return await LintAsync(migrator, commandLine, output);
            case "verify":
                var integrity = await migrator.VerifyAsync(cancellationToken);
                var report = integrity.Lines().ToList();
                foreach (var line in report)
                {
                    await output.WriteLineAsync(line);
                }

                return new(integrity.Drifted.Count == 0 ? Success : Drift, string.Join(" ", report));
            case "repair":
                var changes = await migrator.RepairAsync(cancellationToken);
                var repaired = changes.Count == 0
                    ? "Nothing to repair: every applied migration's checksum matches this build."
                    : $"Re-stamped {changes.Count} applied migration(s) with this build's checksums: {string.Join(", ", changes.Select(change => change.MigrationId))}.";
                await output.WriteLineAsync(repaired);
                return new(Success, repaired);
            default:
                return await UnlockAsync(migrator, output, cancellationToken);
        }
    }

    private static async Task WriteStatusAsync(MigrationStatus status, bool json, TextWriter output)
    {
        if (json)
        {
            await output.WriteLineAsync(status.ToDocument().ToJson());
            return;
        }

        foreach (var line in status.Lines())
        {
            await output.WriteLineAsync(line);
        }
    }

    private static async Task<WorkerOutcome> HistoryAsync(PlayersMigrator migrator, bool json, TextWriter output, CancellationToken cancellationToken)
    {
        var runs = await migrator.GetHistoryAsync(cancellationToken);
        if (json)
        {
            await output.WriteLineAsync(HistoryDocument.ToJson([.. runs.Select(run => new HistoryDocument(
                run.MigrationId, run.Direction, run.Outcome, run.StartedAt, run.DurationMs, run.LockWaitMs, run.LockRetries, run.Version, run.Commit))]));
        }
        else
        {
            foreach (var run in runs)
            {
                await output.WriteLineAsync(run.Line);
            }
        }

        return new(Success, $"{runs.Count} recorded run(s) of migrations in {migrator.Target.Description}.");
    }

    private async Task<WorkerOutcome> CheckAsync(PlayersMigrator migrator, TextWriter output, CancellationToken cancellationToken)
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
            return new(Success, string.Join(" ", check.Lines()));
        }

        _logger.LogError(
            "The schema of {Database} differs from migration {Current} in {Count} place(s), checked in {Milliseconds} ms: it was changed outside the migrations.",
            check.Database, check.Current, check.Differences.Count, (long)check.Elapsed.TotalMilliseconds);
        return new(SchemaDifferences, string.Join("; ", check.Lines()));
    }

    private async Task<WorkerOutcome> LintAsync(PlayersMigrator migrator, WorkerCommandLine commandLine, TextWriter output)
    {
        var report = migrator.Lint(commandLine.From, commandLine.To);
        if (commandLine.Json)
        {
            await output.WriteLineAsync(LintDocument.ToJson([.. report.Findings.Select(finding => new LintDocument(
                finding.MigrationId, finding.Rule, finding.SeverityName, finding.Message, finding.Allowed))]));
        }
        else
        {
            foreach (var line in report.Lines())
            {
                await output.WriteLineAsync(line);
            }
        }

        var summary = report.Summary(migrator.Target.Description);
        if (report.Refuses)
        {
            _logger.LogError("{Summary} Make each refused migration safe, or allow it after review with [AllowLint(\"RULE\", \"why\")].", summary);
            return new(LintRefused, summary);
        }

        _logger.LogInformation("{Summary}", summary);
        return new(Success, summary);
    }

    private async Task<WorkerOutcome> WriteSumAsync(string? file, TextWriter output, CancellationToken cancellationToken)
    {
        var entries = MigrationsSum.OfBuild();
        var text = MigrationsSum.Write(entries);
        if (file == "-")
        {
            await output.WriteAsync(text);
            return new(Success, $"The checksums of {entries.Count} migrations.");
        }

        var path = Path.GetFullPath(file ?? MigrationsSum.RelativePath);
        if (!Directory.Exists(Path.GetDirectoryName(path)))
        {
            throw new WorkerUsageException(
                $"Cannot write {path}: its folder does not exist. Run `sum` from the repository root, or name the file: sum FILE (- for stdout).");
        }

        await File.WriteAllTextAsync(path, text, cancellationToken);
        var wrote = $"Wrote the checksums of {entries.Count} migrations to {path}.";
        _logger.LogInformation("{Wrote}", wrote);
        return new(Success, wrote);
    }

    private async Task<WorkerOutcome> UnlockAsync(PlayersMigrator migrator, TextWriter output, CancellationToken cancellationToken)
    {
        var outcome = await migrator.UnlockAsync(cancellationToken) switch
        {
            UnlockResult.HeldByRunningMigration => Fail(
                Failure,
                $"A running migration holds the migration lock of {migrator.Target.Description}: nothing was removed. Let it finish, then run again."),
            UnlockResult.Removed => new WorkerOutcome(Success, $"Removed the stale migration lock of {migrator.Target.Description}."),
            UnlockResult.NoLock => new WorkerOutcome(Success, $"No migration lock to remove in {migrator.Target.Description}."),
            _ => new WorkerOutcome(Success,
                "PostgreSQL's migration lock is a table lock that ends with the session holding it: there is never a stale lock to remove."),
        };
        if (outcome.ExitCode == Success)
        {
            await output.WriteLineAsync(outcome.Message);
        }

        return outcome;
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
