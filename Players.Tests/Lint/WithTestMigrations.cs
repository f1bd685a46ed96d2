#pragma warning disable EF1001 // MigrationsAssembly is the type EF itself uses to find migrations; the tests extend it.
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Players.Data;
using Players.Data.Migrating;

namespace Players.Tests.Lint;

/// <summary>
/// A migrator that runs this build's migrations followed by hand-written test migrations. The test migrations live
/// in the test assembly, which EF never searches for <see cref="PlayersDbContext"/>'s migrations: only a migrator
/// made here sees them.
/// </summary>
public static class TestMigrator
{
    public static PlayersMigrator With<TMigration>(DatabaseTarget target)
        where TMigration : Migration =>
        With(target, typeof(TMigration));

    public static PlayersMigrator With<TFirst, TSecond>(DatabaseTarget target)
        where TFirst : Migration
        where TSecond : Migration =>
        With(target, typeof(TFirst), typeof(TSecond));

    public static PlayersMigrator With(DatabaseTarget target, params Type[] migrations) =>
        new(target, NullLoggerFactory.Instance) { ConfigureContext = Appending(migrations) };

    /// <summary>What a migrator's contexts (and the worker's) need to run this build's migrations, then <paramref name="migrations"/>.</summary>
    public static Action<DbContextOptionsBuilder> Appending(params Type[] migrations) => options =>
    {
        options.ReplaceService<IMigrationsAssembly, AppendedMigrationsAssembly>();
        ((IDbContextOptionsBuilderInfrastructure)options).AddOrUpdateExtension(new AppendedMigrations(migrations));
    };

    public static string IdOf<TMigration>() => IdOfType(typeof(TMigration));

    public static string IdOfType(Type migration) => migration.GetCustomAttribute<MigrationAttribute>()!.Id;
}

/// <summary>Players.Data's migrations and the <see cref="AppendedMigrations"/> of the context's options, ordered by id as EF orders them.</summary>
public sealed class AppendedMigrationsAssembly(
    ICurrentDbContext currentContext,
    IDbContextOptions options,
    IMigrationsIdGenerator idGenerator,
    IDiagnosticsLogger<DbLoggerCategory.Migrations> logger)
    : MigrationsAssembly(currentContext, options, idGenerator, logger)
{
    private readonly IReadOnlyList<Type> _appended = options.FindExtension<AppendedMigrations>()?.Migrations ?? [];

    public override IReadOnlyDictionary<string, TypeInfo> Migrations => new SortedDictionary<string, TypeInfo>(
        base.Migrations.Concat(_appended.Select(type => KeyValuePair.Create(TestMigrator.IdOfType(type), type.GetTypeInfo())))
            .ToDictionary(pair => pair.Key, pair => pair.Value),
        StringComparer.Ordinal);
}

/// <summary>
/// The test migrations a context runs after this build's, as an options extension: every set shares one EF service
/// provider (a type per set would build one each, and EF refuses more than twenty).
/// </summary>
public sealed class AppendedMigrations(IReadOnlyList<Type> migrations) : IDbContextOptionsExtension
{
    public IReadOnlyList<Type> Migrations => migrations;

    public DbContextOptionsExtensionInfo Info => new ExtensionInfo(this);

    public void ApplyServices(IServiceCollection services)
    {
    }

    public void Validate(IDbContextOptions options)
    {
    }

    private sealed class ExtensionInfo(AppendedMigrations extension) : DbContextOptionsExtensionInfo(extension)
    {
        public override bool IsDatabaseProvider => false;

        public override string LogFragment => $"TestMigrations={string.Join(",", extension.Migrations.Select(type => type.Name))} ";

        public override int GetServiceProviderHashCode() => 0;

        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) => other is ExtensionInfo;

        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo) =>
            debugInfo["Players.Tests:TestMigrations"] = string.Join(",", extension.Migrations.Select(type => type.Name));
    }
}
