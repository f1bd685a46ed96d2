using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging;
using Npgsql;
using Players.Data.Changes;
using Players.Data.Migrating.SchemaCheck;
using Players.Data.Migrating.Integrity;

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

    public DatabaseTarget Target => target;

    public MigratorBudgets Budgets => _budgets;

    /// <summary>Every migration id of this build, oldest first.</summary>
    public static IReadOnlyList<string> MigrationIds { get; } = ReadMigrationIds();

    /// <summary>Applies pending migrations up to <paramref name="targetMigration"/> (default <c>head</c>).</summary>
    /// <exception cref="MigrationTargetException">
    /// Unknown or refused target, or a database ahead of this build (<see cref="DatabaseAheadException"/>); nothing changed.
    /// </exception>
    public Task<MigrationResult> UpgradeAsync(string targetMigration = "head", CancellationToken cancellationToken = default) =>
        RunAsync(MigrationCommand.Upgrade, targetMigration, cancellationToken);

    /// <summary>Reverts applied migrations down to <paramref name="targetMigration"/>.</summary>
    /// <exception cref="MigrationTargetException">
    /// Unknown or refused target, or a database ahead of this build (<see cref="DatabaseAheadException"/>); nothing changed.
    /// </exception>
    public Task<MigrationResult> DowngradeAsync(string targetMigration, CancellationToken cancellationToken = default) =>
        RunAsync(MigrationCommand.Downgrade, targetMigration, cancellationToken);

    /// <summary>Which migrations are applied, oldest first, with their checksum states; connects but never creates or writes anything.</summary>
    public async Task<MigrationStatus> GetStatusAsync(CancellationToken cancellationToken = default)
    {
        var (applied, integrity) = await ReadHistoryAsync(await Connector.ExistsAsync(cancellationToken), cancellationToken);
        return new MigrationStatus(MigrationIds, applied, integrity);
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

        if (idempotent && target.Engine == DatabaseEngine.Sqlite)
        {
            throw new MigrationTargetException("EF Core cannot write idempotent scripts for SQLite: drop --idempotent, or script for PostgreSQL.");
        }

        using var db = CreateContext(sink: null);
        return db.GetService<IMigrator>().GenerateScript(
            MigrationTarget.ResolveAbsolute(from, MigrationIds),
            MigrationTarget.ResolveAbsolute(to, MigrationIds),
            idempotent ? MigrationsSqlGenerationOptions.Idempotent : MigrationsSqlGenerationOptions.Default);
    }

    /// <summary>
    /// Compares the live schema with the model of the last applied migration (Alembic's <c>check</c>, against the
    /// database); reads only.
    /// </summary>
    /// <exception cref="DatabaseAheadException">The database is ahead of this build.</exception>
    public Task<SchemaCheckResult> CheckSchemaAsync(CancellationToken cancellationToken = default) =>
        SchemaChecker.RunAsync(target, Connector, cancellationToken);

    /// <summary>Removes a stale SQLite migration lock after checking that no migration holds it.</summary>
    public Task<UnlockResult> UnlockAsync(CancellationToken cancellationToken = default) =>
        target.Engine == DatabaseEngine.Sqlite
            ? SqliteUnlock.RunAsync(target, _logger, cancellationToken)
            : Task.FromResult(UnlockResult.NotApplicable);

    private DatabaseConnector Connector => new(target, _budgets.Connect, _logger);

    private async Task<MigrationResult> RunAsync(MigrationCommand command, string targetMigration, CancellationToken cancellationToken)
    {
        // An unknown name is refused before anything connects; relative targets need the current migration.
        if (!MigrationTarget.IsRelative(targetMigration, out _))
        {
            MigrationTarget.ResolveAbsolute(targetMigration, MigrationIds);
        }

        var elapsed = Stopwatch.StartNew();
        using var root = MigrationTelemetry.StartRoot(target, command);
        var steps = new MigrationSteps(root, command);
        MigrationPlan? plan = null;
        try
        {
            var connector = Connector;
            var exists = await connector.ExistsAsync(cancellationToken);

            // A missing database is planned for (and refused) before it is created, so a refusal leaves nothing behind.
            var create = !exists && !MigrationPlan.Resolve(command, targetMigration, MigrationTarget.Base, MigrationIds).IsNothingToDo;
            if (create)
            {
                await connector.CreateAsync(cancellationToken);
            }

            await using var runLock = target.Engine == DatabaseEngine.PostgreSql && (exists || create)
                ? await PostgresRunLock.AcquireAsync(target, _budgets.Lock, _logger, cancellationToken)
                : null;
            var (applied, integrity) = await ReadHistoryAsync(exists || create, cancellationToken);
            var status = new MigrationStatus(MigrationIds, applied, integrity);
            if (status.Unknown.Count > 0)
            {
                throw new DatabaseAheadException(status.Unknown);
            }

            integrity.ThrowIfDrifted();
            plan = MigrationPlan.Resolve(command, targetMigration, status.Current, MigrationIds);
            root.SetPlan(plan);
            await BaselineAsync(integrity, cancellationToken);
            if (!plan.IsNothingToDo)
            {
                await using var db = CreateContext(steps.OnEvent);
                var migrator = db.GetService<IMigrator>();
                await db.Database.CreateExecutionStrategy().ExecuteAsync(
                    async token =>
                    {
                        // Npgsql's migrator reads the history before EF creates it: on a new database that statement
                        // fails (an Error log and span on a clean run). Created first, under the run lock, it cannot.
                        if (target.Engine == DatabaseEngine.PostgreSql)
                        {
                            await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(token);
                        }

                        await migrator.MigrateAsync(plan.To, token);
                    },
                    cancellationToken);
            }

            steps.Complete();
            root?.SetTag("migrations.applied", steps.Count);
            var result = new MigrationResult(command, plan.From, plan.To, steps.Count, elapsed.Elapsed);
            _logger.LogInformation("{Summary}", result.Summary(target));
            return result;
        }
        catch (Exception exception) when (exception is MigrationTargetException or MigrationDriftException)
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
            throw;
        }
        finally
        {
            if (steps.Count > 0)
            {
                await AnnounceSchemaChangeAsync();
            }
        }
    }

    /// <summary>
    /// Tells every API process listening on the change channel that the schema and its rows changed, on a connection
    /// of its own: never inside a migration, whose SQL <c>script</c> must print unchanged. SQLite's readers see the
    /// commit through <c>PRAGMA data_version</c> instead.
    /// </summary>
    private async Task AnnounceSchemaChangeAsync()
    {
        if (target.Engine != DatabaseEngine.PostgreSql)
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await ChangeChannel.NotifyAsync(target.ConnectionString, ChangeChannel.SchemaChanged, timeout.Token);
        }
        catch (Exception exception) when (exception is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            _logger.LogWarning(
                "Could not announce the schema change on {Channel} of {Database} ({Reason}): API processes see it when their cached list expires.",
                ChangeChannel.Name, target.Description, exception.Message);
        }
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
        // Npgsql finds out whether the history exists by reading it, which fails on a new database: look first.
        if (target.Engine == DatabaseEngine.PostgreSql && !await PostgresHistoryExistsAsync(db, cancellationToken))
        {
            return ([], IntegrityReport.Empty);
        }

        IReadOnlyList<string> applied = [.. await db.Database.GetAppliedMigrationsAsync(cancellationToken)];
        var stored = await ChecksumTable.Of(db).ReadAsync(db, cancellationToken);
        return (applied, IntegrityReport.Of(applied, stored, BuildChecksums.Of(db)));
    }

    private static Task<bool> PostgresHistoryExistsAsync(PlayersDbContext db, CancellationToken cancellationToken) =>
        db.Database.SqlQueryRaw<bool>($"SELECT to_regclass('\"{HistoryRepository.DefaultTableName}\"') IS NOT NULL AS \"Value\"")
            .SingleAsync(cancellationToken);

    /// <summary>A context that waits for the migration lock within the budget and reports each migration it runs.</summary>
    internal PlayersDbContext CreateContext(Action<Microsoft.EntityFrameworkCore.Diagnostics.EventData>? sink)
    {
        var options = new DbContextOptionsBuilder<PlayersDbContext>().UseLoggerFactory(loggerFactory);

        options.UsePlayersDatabase(target, npgsql => npgsql.EnableRetryOnFailure(3, TimeSpan.FromSeconds(5), null));
        ((IDbContextOptionsBuilderInfrastructure)options).AddOrUpdateExtension(new MigrationLockBudget(_budgets.Lock, LockDescription));
        if (sink is not null)
        {
            options.LogTo(MigrationSteps.IsStepEvent, sink);
        }

        return new PlayersDbContext(options.Options);
    }

    private string LockDescription => target.Engine == DatabaseEngine.Sqlite
        ? $"the row in __EFMigrationsLock of {target.Description}"
        : $"the table lock on __EFMigrationsHistory of {target.Description}";

    private static List<string> ReadMigrationIds()
    {
        using var db = new PlayersDbContext(new DbContextOptionsBuilder<PlayersDbContext>().UseSqlite("Data Source=:memory:").Options);
        return [.. db.GetService<IMigrationsAssembly>().Migrations.Keys];
    }
}
