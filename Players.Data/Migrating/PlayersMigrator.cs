using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging;
using Players.Data.Migrating.Engines;
using Players.Data.Migrating.Integrity;
using Players.Data.Migrating.Lint;
using Players.Data.Migrating.Locking;
using Players.Data.Migrating.Planning;
using Players.Data.Migrating.Recording;
using Players.Data.Migrating.SchemaCheck;
using Players.Data.Migrating.Telemetry;
using MigrationCommand = Players.Data.Migrating.Planning.MigrationCommand;

namespace Players.Data.Migrating;

/// <summary>
/// The only code that changes the schema: upgrade or downgrade to a target, report status, write the SQL of a range,
/// check the live schema against the migrations, and remove a stale SQLite lock; verify and repair checksums
/// (PlayersMigrator.Integrity.cs). Used by the worker and by the API's <c>Players:MigrateOnStartup</c>.
/// </summary>
public sealed partial class PlayersMigrator(DatabaseTarget target, ILoggerFactory loggerFactory, MigratorBudgets? budgets = null)
{
    private readonly ILogger _logger = loggerFactory.CreateLogger<PlayersMigrator>();
    private readonly MigratorBudgets _budgets = budgets ?? MigratorBudgets.Default;
    private readonly MigrationEngine _engine = MigrationEngine.For(target);

    public DatabaseTarget Target => target;

    public MigratorBudgets Budgets => _budgets;

    /// <summary>Every migration id of this build, oldest first.</summary>
    public static IReadOnlyList<string> MigrationIds { get; } = ReadMigrationIds();

    /// <summary>Applied to every context the migrator creates; tests give it migrations of their own through it.</summary>
    internal Action<DbContextOptionsBuilder>? ConfigureContext { get; init; }

    /// <summary>The migrations this migrator runs, oldest first: this build's, unless <see cref="ConfigureContext"/> substitutes them.</summary>
    private IReadOnlyList<string> Ids => ConfigureContext is null ? MigrationIds : _ids ??= ReadIds();

    private IReadOnlyList<string>? _ids;

    /// <summary>Applies pending migrations up to <paramref name="targetMigration"/> (default <c>head</c>).</summary>
    /// <exception cref="MigrationTargetException">
    /// Unknown or refused target, or a database ahead of this build (<see cref="DatabaseAheadException"/>) or diverged
    /// from it (<see cref="DatabaseDivergedException"/>); nothing changed.
    /// </exception>
    public Task<MigrationResult> UpgradeAsync(string targetMigration = "head", CancellationToken cancellationToken = default) =>
        RunAsync(MigrationCommand.Upgrade, targetMigration, cancellationToken);

    /// <summary>Reverts applied migrations down to <paramref name="targetMigration"/>.</summary>
    /// <exception cref="MigrationTargetException">
    /// Unknown or refused target, or a database ahead of this build (<see cref="DatabaseAheadException"/>) or diverged
    /// from it (<see cref="DatabaseDivergedException"/>); nothing changed.
    /// </exception>
    public Task<MigrationResult> DowngradeAsync(string targetMigration, CancellationToken cancellationToken = default) =>
        RunAsync(MigrationCommand.Downgrade, targetMigration, cancellationToken);

    /// <summary>Which migrations are applied, oldest first, with their checksum states; connects but never creates or writes anything.</summary>
    public async Task<MigrationStatus> GetStatusAsync(CancellationToken cancellationToken = default)
    {
        var exists = await ExistsAsync(cancellationToken);
        var (applied, integrity) = await ReadHistoryAsync(exists, cancellationToken);
        return new MigrationStatus(Ids, applied, integrity) { Runs = applied.Count > 0 ? await ReadRunsAsync(cancellationToken) : [] };
    }

    /// <summary>The SQL that moves the schema from <paramref name="from"/> to <paramref name="to"/>; never connects.</summary>
    /// <exception cref="MigrationTargetException">A bound is unknown, relative, or the engine cannot script it.</exception>
    public string Script(string from = "base", string to = "head", bool idempotent = false)
    {
        foreach (var bound in new[] { from, to })
        {
            if (MigrationTarget.IsRelative(bound, out _))
            {
                throw new MigrationTargetException($"'{bound}' is relative to the database, which script never reads: use {MigrationTarget.AbsoluteForms}.");
            }
        }

        if (_engine.ScriptRefusal(idempotent) is { } refusal)
        {
            throw new MigrationTargetException(refusal);
        }

        using var db = CreateContext(sink: null);
        return db.GetService<IMigrator>().GenerateScript(
            MigrationTarget.ResolveAbsolute(from, Ids),
            MigrationTarget.ResolveAbsolute(to, Ids),
            idempotent ? MigrationsSqlGenerationOptions.Idempotent : MigrationsSqlGenerationOptions.Default);
    }

    /// <summary>
    /// Compares the live schema with the model of the last applied migration (Alembic's <c>check</c>, against the
    /// database); reads only.
    /// </summary>
    /// <exception cref="MigrationTargetException">The database is ahead of this build, or diverged from it.</exception>
    public Task<SchemaCheckResult> CheckSchemaAsync(CancellationToken cancellationToken = default) =>
        SchemaChecker.RunAsync(_engine, _budgets.Connect, _logger, cancellationToken);

    /// <summary>Removes a stale SQLite migration lock after checking that no migration holds it.</summary>
    public Task<UnlockResult> UnlockAsync(CancellationToken cancellationToken = default) => _engine.UnlockAsync(_logger, cancellationToken);

    private Task<bool> ExistsAsync(CancellationToken cancellationToken) => _engine.ExistsAsync(_budgets.Connect, _logger, cancellationToken);

    private async Task<MigrationResult> RunAsync(MigrationCommand command, string targetMigration, CancellationToken cancellationToken)
    {
        // An unknown name is refused before anything connects; relative targets need the current migration.
        if (!MigrationTarget.IsRelative(targetMigration, out _))
        {
            MigrationTarget.ResolveAbsolute(targetMigration, Ids);
        }

        var elapsed = Stopwatch.StartNew();
        using var root = MigrationTelemetry.StartRoot(_engine, command);
        var locks = NewLockWaitBudget();
        var recorder = new RunRecorder(command, locks, Build);
        var steps = new MigrationSteps(root, command, locks, recorder);
        MigrationPlan? plan = null;
        try
        {
            var exists = await ExistsAsync(cancellationToken);

            // A missing database is planned for (and refused) before it is created, so a refusal leaves nothing behind.
            var fromBase = exists ? null : MigrationPlan.Resolve(command, targetMigration, MigrationTarget.Base, Ids);
            var create = fromBase is { IsNothingToDo: false };
            if (create)
            {
                ThrowIfLintRefuses(fromBase!);
                await _engine.CreateAsync(_budgets.Connect, _logger, cancellationToken);
            }

            await using var runLock = exists || create ? await _engine.AcquireRunLockAsync(locks, _logger, cancellationToken) : null;
            var (applied, integrity) = await ReadHistoryAsync(exists || create, cancellationToken);
            var status = new MigrationStatus(Ids, applied, integrity);
            status.ThrowIfUnknownApplied();
            integrity.ThrowIfDrifted();
            plan = MigrationPlan.Resolve(command, targetMigration, status.Current, Ids);
            root.SetPlan(plan);
            ThrowIfLintRefuses(plan);
            await BaselineAsync(integrity, cancellationToken);
            if (!plan.IsNothingToDo)
            {
                // EF's migrator runs inside the context's execution strategy itself, which resumes a retried migration
                // where it stopped; an outer strategy would restart the whole run instead.
                await using var db = CreateContext(steps.OnEvent, locks, recorder);
                await _engine.MigrateAsync(db, plan.To, cancellationToken);
            }

            steps.Complete();
            root?.SetTag("migrations.applied", steps.Count);
            var result = new MigrationResult(command, plan.From, plan.To, steps.Count, elapsed.Elapsed);
            _logger.LogInformation("{Summary}", result.Summary(target));
            return result;
        }
        catch (Exception exception) when (exception is MigrationTargetException or MigrationDriftException or MigrationLintException)
        {
            // A refusal changed nothing; the caller reports it.
            root.RecordFailure(exception);
            throw;
        }
        catch (Exception exception)
        {
            steps.Fail(exception);
            root?.SetTag("migrations.applied", steps.Count);
            root.RecordFailure(exception);
            _logger.LogError(
                "{Verb} of {Database} failed after {Milliseconds} ms {Where}: {Reason}",
                command, target.Description, elapsed.ElapsedMilliseconds, Where(plan, steps), exception.Message);
            await RecordFailureAsync(recorder);
            throw;
        }
    }

    /// <summary>A run's lock budget, each of whose retries is logged.</summary>
    private LockWaitBudget NewLockWaitBudget()
    {
        var locks = new LockWaitBudget(_budgets.Lock, _budgets.LockWait);
        locks.Retrying += retry => _logger.LogWarning(
            "{Migration} waited {Waited} ms for a lock held by {Blockers}: rolled back, retry {Attempt} in {Delay} ms ({Remaining} s of the lock budget left).",
            locks.Migration ?? "The migration lock",
            (long)retry.Waited.TotalMilliseconds,
            retry.Blockers.Count == 0 ? "a session that had ended before it could be read" : string.Join("; ", retry.Blockers),
            retry.Attempt,
            (long)retry.Delay.TotalMilliseconds,
            Math.Round(retry.Remaining.TotalSeconds, 1));
        return locks;
    }

    private static string Where(MigrationPlan? plan, MigrationSteps steps) => plan is null
        ? "before reading the current migration"
        : $"going from {plan.From} to {plan.To}, at {steps.CurrentMigrationId ?? "(before any migration)"} ({steps.Count} done)";

    /// <summary>The applied migrations, oldest first, and their checksums against this build's; reads only.</summary>
    private async Task<(IReadOnlyList<string> Applied, IntegrityReport Integrity)> ReadHistoryAsync(bool exists, CancellationToken cancellationToken)
    {
        if (!exists)
        {
            return ([], IntegrityReport.Empty);
        }

        await using var db = CreateContext(sink: null);
        var applied = await _engine.ReadAppliedMigrationsAsync(db, cancellationToken);
        if (applied.Count == 0)
        {
            return ([], IntegrityReport.Empty);
        }

        var stored = await ChecksumTable.Of(db).ReadAsync(db, cancellationToken);
        return (applied, IntegrityReport.Of(applied, stored, BuildChecksums.Of(db)));
    }

    /// <summary>
    /// A context that waits for locks within the run's <paramref name="locks"/> (a budget of its own when none is given)
    /// and reports each migration it runs.
    /// </summary>
    internal PlayersDbContext CreateContext(
        Action<Microsoft.EntityFrameworkCore.Diagnostics.EventData>? sink, LockWaitBudget? locks = null, RunRecorder? recorder = null)
    {
        var options = new DbContextOptionsBuilder<PlayersDbContext>().UseLoggerFactory(loggerFactory);
        _engine.ConfigureToMigrate(options, locks ?? NewLockWaitBudget(), recorder);
        if (recorder is not null)
        {
            options.AddInterceptors(new RunDurations(recorder));
        }

        ConfigureContext?.Invoke(options);
        if (sink is not null)
        {
            options.LogTo(MigrationSteps.IsStepEvent, sink);
        }

        return new PlayersDbContext(options.Options);
    }

    private List<string> ReadIds()
    {
        using var db = CreateContext(sink: null);
        return [.. db.GetService<IMigrationsAssembly>().Migrations.Keys];
    }

    // Every engine's context lists the same migrations; none of them connects.
    private static List<string> ReadMigrationIds()
    {
        using var db = MigrationEngine.Offline[0].CreateContext();
        return [.. db.GetService<IMigrationsAssembly>().Migrations.Keys];
    }
}
