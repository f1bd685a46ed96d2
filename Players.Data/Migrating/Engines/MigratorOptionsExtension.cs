using System.Globalization;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Players.Data.Migrating.Engines;

/// <summary>
/// What EF's own services (the history repositories, which EF builds itself, so options are the way in) and code that
/// holds only a context need from the migrator: the engine, and for the migrator's own contexts the lock budget.
/// </summary>
internal sealed class MigratorOptionsExtension(MigrationEngine engine, TimeSpan? lockBudget) : IDbContextOptionsExtension
{
    public MigrationEngine Engine => engine;

    /// <summary>How long EF's migration lock is waited for; null (for ever, as EF waits) outside the migrator.</summary>
    public TimeSpan? LockBudget => lockBudget;

    public DbContextOptionsExtensionInfo Info => new ExtensionInfo(this);

    public void ApplyServices(IServiceCollection services)
    {
    }

    public void Validate(IDbContextOptions options)
    {
    }

    private sealed class ExtensionInfo(MigratorOptionsExtension extension) : DbContextOptionsExtensionInfo(extension)
    {
        public override bool IsDatabaseProvider => false;

        public override string LogFragment =>
            $"Engine={extension.Engine.SystemName} " + (extension.LockBudget is { } budget ? $"MigrationLockBudget={budget.TotalSeconds}s " : "");

        // Nothing here changes EF's services, so every context may share one service provider.
        public override int GetServiceProviderHashCode() => 0;

        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) => other is ExtensionInfo;

        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo)
        {
            debugInfo["Players:Engine"] = extension.Engine.SystemName;
            if (extension.LockBudget is { } budget)
            {
                debugInfo["Players:MigrationLockBudget"] = budget.TotalSeconds.ToString(CultureInfo.InvariantCulture);
            }
        }
    }
}
