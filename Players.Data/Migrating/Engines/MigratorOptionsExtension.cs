using System.Globalization;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Players.Data.Migrating.Locking;
using Players.Data.Migrating.Recording;

namespace Players.Data.Migrating.Engines;

/// <summary>
/// What EF's own services (the history repositories, which EF builds itself, so options are the way in) and code that
/// holds only a context need from the migrator: the engine, and for the migrator's own contexts the run's lock-wait budget.
/// </summary>
internal sealed class MigratorOptionsExtension(MigrationEngine engine, LockWaitBudget? locks, RunRecorder? recorder = null) : IDbContextOptionsExtension
{
    public MigrationEngine Engine => engine;

    /// <summary>How long locks are waited for in this run; null (for ever, as EF waits) outside the migrator.</summary>
    public LockWaitBudget? Locks => locks;

    /// <summary>What the migrator measures of the migration it runs now, for its run record; null outside a migrator's run.</summary>
    public RunRecorder? Recorder => recorder;

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
            $"Engine={extension.Engine.SystemName} " + (extension.Locks is { } budget ? $"LockBudget={budget.Total.TotalSeconds}s LockWait={budget.LockWait.TotalMilliseconds}ms " : "");

        // Nothing here changes EF's services, so every context may share one service provider.
        public override int GetServiceProviderHashCode() => 0;

        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) => other is ExtensionInfo;

        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo)
        {
            debugInfo["Players:Engine"] = extension.Engine.SystemName;
            if (extension.Locks is { } budget)
            {
                debugInfo["Players:LockBudget"] = budget.Total.TotalSeconds.ToString(CultureInfo.InvariantCulture);
                debugInfo["Players:LockWait"] = budget.LockWait.TotalMilliseconds.ToString(CultureInfo.InvariantCulture);
            }
        }
    }
}
