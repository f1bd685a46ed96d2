using System.Text.Json;

namespace Players.Tests.Distributed;

/// <summary>
/// The AppHost compiles the worker's contract (Players.Contracts) but runs none of the services' code: no EF Core,
/// no Players.Data, beside it at run time.
/// </summary>
[Trait("Tier", "Fast")]
public sealed class AppHostDependencyTests
{
    [Fact]
    public void The_apphost_runs_with_the_contract_and_without_ef_core_or_the_data_project()
    {
        var depsFile = Path.ChangeExtension(BuiltAppHost.AssemblyPath, ".deps.json");
        using var deps = JsonDocument.Parse(File.ReadAllText(depsFile));
        var libraries = deps.RootElement.GetProperty("libraries").EnumerateObject().Select(library => library.Name.Split('/')[0]).ToList();

        Assert.Contains("Players.Contracts", libraries);
        Assert.DoesNotContain(libraries, library => library.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal));
        Assert.DoesNotContain(libraries, library => library is "Players.Data" or "Players.MigrationService" or "Players.Api");
    }
}
