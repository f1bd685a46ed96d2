using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace Players.Data.Migrating;

/// <summary>
/// Carries the lock budget into EF's history repository (EF builds that service itself, so options are the way in)
/// and turns a lock wait that outlasts it into a <see cref="MigrationLockTimeoutException"/>.
/// </summary>
internal sealed class MigrationLockBudget(TimeSpan budget, string lockDescription) : IDbContextOptionsExtension
{
    public TimeSpan Budget { get; } = budget;

    public string LockDescription { get; } = lockDescription;

    public DbContextOptionsExtensionInfo Info => new ExtensionInfo(this);

    public void ApplyServices(IServiceCollection services)
    {
    }

    public void Validate(IDbContextOptions options)
    {
    }

    /// <summary>Waits for the lock no longer than the budget in <paramref name="options"/>.</summary>
    public static async Task<IMigrationsDatabaseLock> AcquireAsync(
        IDbContextOptions options,
        Func<CancellationToken, Task<IMigrationsDatabaseLock>> acquire,
        CancellationToken cancellationToken)
    {
        var budget = options.FindExtension<MigrationLockBudget>();
        if (budget is null)
        {
            return await acquire(cancellationToken);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(budget.Budget);
        try
        {
            return await acquire(timeout.Token);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new MigrationLockTimeoutException(
                $"Gave up after {budget.Budget.TotalSeconds:0.#} s waiting for the migration lock ({budget.LockDescription}). "
                + "Another migration holds it, or a migrator that crashed left it behind: if no migration is running, "
                + "remove it with the worker's `unlock` command, then run again.",
                exception);
        }
    }

    private sealed class ExtensionInfo(MigrationLockBudget extension) : DbContextOptionsExtensionInfo(extension)
    {
        public override bool IsDatabaseProvider => false;

        public override string LogFragment => $"MigrationLockBudget={extension.Budget.TotalSeconds}s ";

        public override int GetServiceProviderHashCode() => 0;

        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) => other is ExtensionInfo;

        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo) =>
            debugInfo["Players:MigrationLockBudget"] = extension.Budget.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
