#pragma warning disable EF1001 // DesignTimeServicesBuilder is how `dotnet ef migrations add` composes design-time services.
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design.Internal;
using Players.Data;

namespace Players.Tests.Migrations;

internal static class DesignTime
{
    /// <summary>The services <c>dotnet ef migrations add --project Players.Data</c> runs with, Players.Data's own included.</summary>
    public static IServiceProvider ServicesFor(DbContext db)
    {
        var assembly = typeof(PlayersDbContext).Assembly;
        return new DesignTimeServicesBuilder(assembly, assembly, new OperationReporter(handler: null), []).Build(db);
    }
}
