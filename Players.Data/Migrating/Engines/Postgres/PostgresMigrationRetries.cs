using Microsoft.EntityFrameworkCore.Storage;
using Npgsql.EntityFrameworkCore.PostgreSQL;
using Players.Data.Migrating.Locking;

namespace Players.Data.Migrating.Engines.Postgres;

/// <summary>
/// The migrator's execution strategy on PostgreSQL, the one owner of its retries. Npgsql counts a lock wait that ran
/// out (55P03) as transient; here it is retried after a jittered backoff for as long as the run's lock budget lasts
/// (<see cref="LockWaitBudget.NextRetry"/>), from where EF's migrator stopped (its state survives its strategy's
/// retries: the migration that waited, not the whole run), and once the budget is spent fails with the sessions that
/// blocked it. Other transient faults keep three retries.
/// </summary>
internal sealed class PostgresMigrationRetries(ExecutionStrategyDependencies dependencies, LockWaitBudget locks, string database)
    : NpgsqlRetryingExecutionStrategy(dependencies, MaxTransientRetries, TimeSpan.FromSeconds(5), errorCodesToAdd: null)
{
    private const int MaxTransientRetries = 3;

    protected override bool ShouldRetryOn(Exception? exception) =>
        exception is not null && (PostgresLockWaits.IsLockTimeout(exception) || base.ShouldRetryOn(exception));

    /// <exception cref="MigrationLockTimeoutException">A lock wait ran out and the lock budget cannot cover another attempt.</exception>
    protected override TimeSpan? GetNextDelay(Exception lastException)
    {
        if (PostgresLockWaits.IsLockTimeout(lastException))
        {
            return locks.NextRetry(locks.LockWait) ?? throw new MigrationLockTimeoutException(Exhausted(), lastException);
        }

        var transientRetries = ExceptionsEncountered.Count(exception => !PostgresLockWaits.IsLockTimeout(exception)) - 1;
        return transientRetries < MaxTransientRetries
            ? TimeSpan.FromMilliseconds(Math.Min(5000, 1000 * (Math.Pow(2, transientRetries) - 1) * (1 + (Random.Shared.NextDouble() / 10))))
            : null;
    }

    private string Exhausted()
    {
        var blockers = locks.Blockers.Count == 0
            ? "The blocking sessions had ended before they could be read."
            : $"Blocked by {string.Join("; ", locks.Blockers)}.";
        return $"Gave up {(locks.Migration is { } migration ? $"on {migration} " : "")}after {locks.Retries + 1} attempt(s) "
            + $"in {locks.Spent.TotalSeconds:0.#} s of the {locks.Total.TotalSeconds:0.#} s lock budget ({MigratorBudgets.LockKey}): "
            + $"each time a statement waited {locks.LockWait.TotalMilliseconds:0} ms ({MigratorBudgets.LockWaitKey}) for a lock on {database}, "
            + $"and was rolled back so that queries queued behind it could go on. {blockers} "
            + "Let them finish (or end them), then run again.";
    }
}
