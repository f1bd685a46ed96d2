using System.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Players.Data.Migrating.Engines;

namespace Players.Data.Migrating.Locking;

/// <summary>
/// Bounds the wait for EF's migration lock by what is left of the run's lock budget in the context's options (EF
/// waits for ever, and a stale SQLite lock row would hang every later run, efcore#38958), and turns a wait that
/// outlasts it into a <see cref="MigrationLockTimeoutException"/>.
/// </summary>
internal static class MigrationLockBudget
{
    /// <summary>Waits for the lock no longer than the budget in <paramref name="options"/>; as EF does when it has none.</summary>
    public static async Task<IMigrationsDatabaseLock> AcquireAsync(
        IDbContextOptions options,
        Func<CancellationToken, Task<IMigrationsDatabaseLock>> acquire,
        CancellationToken cancellationToken)
    {
        var migrator = options.FindExtension<MigratorOptionsExtension>();
        if (migrator?.Locks is not { } budget)
        {
            return await acquire(cancellationToken);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(budget.Remaining);
        var waited = Stopwatch.StartNew();
        try
        {
            var databaseLock = await acquire(timeout.Token);
            budget.Spend(waited.Elapsed);
            return databaseLock;
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            budget.Spend(waited.Elapsed);
            throw new MigrationLockTimeoutException(
                $"Gave up after {budget.Total.TotalSeconds:0.#} s waiting for the migration lock ({migrator.Engine.LockDescription}). "
                + "Another migration holds it, or a migrator that crashed left it behind: if no migration is running, "
                + "remove it with the worker's `unlock` command, then run again.",
                exception);
        }
    }
}
