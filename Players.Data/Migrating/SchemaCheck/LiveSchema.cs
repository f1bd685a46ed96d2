using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Scaffolding;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Players.Data.Migrating.Engines;

namespace Players.Data.Migrating.SchemaCheck;

/// <summary>
/// Reads tables as the database holds them with EF Core's own reverse-engineering reader, the provider's
/// <see cref="IDatabaseModelFactory"/> that <c>dotnet ef dbcontext scaffold</c> uses. It is found as <c>dotnet ef</c>
/// finds it, through the design-time services the provider assembly names, which ship in the provider itself.
/// </summary>
internal static class LiveSchema
{
    /// <summary>The named tables that exist, in the default schema, read on the context's open connection and transaction.</summary>
    public static IReadOnlyDictionary<string, TableShape> Read(DbContext db, IReadOnlyList<string> tables)
    {
        var engine = MigrationEngine.Of(db);
        using var services = ProviderDesignTimeServices(engine.Provider);
        using var scope = services.CreateScope();
        var reader = scope.ServiceProvider.GetRequiredService<IDatabaseModelFactory>();
        var database = reader.Create(db.Database.GetDbConnection(), new DatabaseModelFactoryOptions(tables));
        engine.CompleteLiveSchema(db.Database.GetDbConnection(), db.Database.CurrentTransaction?.GetDbTransaction(), database);
        return database.Tables
            .Where(table => table.Schema is null || table.Schema == database.DefaultSchema)
            .ToDictionary(table => table.Name, TableShape.From);
    }

    private static ServiceProvider ProviderDesignTimeServices(string provider)
    {
        var assembly = Assembly.Load(new AssemblyName(provider));
        var typeName = assembly.GetCustomAttribute<DesignTimeProviderServicesAttribute>()?.TypeName
            ?? throw new InvalidOperationException($"{provider} names no design-time services to read a schema with.");
        var designTimeServices = (IDesignTimeServices)Activator.CreateInstance(assembly.GetType(typeName, throwOnError: true)!)!;

        var services = new ServiceCollection();
        designTimeServices.ConfigureDesignTimeServices(services);

        // EF's own logger factory comes from a context's options, and there is none here; the reader's warnings
        // (a column type it cannot map to CLR) say nothing about the schema check.
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        return services.BuildServiceProvider();
    }
}
