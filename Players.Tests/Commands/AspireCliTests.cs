using System.Text.Json;
using Players.Tests.Distributed;
using Ids = Players.Tests.Worker.Migrations;

namespace Players.Tests.Commands;

/// <summary>
/// The commands as scripts call them: <c>dotnet aspire resource migrations NAME</c>, on an AppHost the CLI started in
/// isolated mode. Alone, since the CLI finds AppHosts by project path and every test AppHost has the same one.
/// </summary>
[Collection(AspireCliCollection.Name)]
[Trait("Tier", "Browser")]
public sealed class AspireCliTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Status_prints_its_json_a_downgrade_and_an_upgrade_exit_0_and_a_refused_target_exits_non_zero()
    {
        using var data = new TemporaryDataDirectory();
        var start = await AspireCli.RunAsync(Bound, "start", "--isolated", "--no-build", "--",
            "--Players:Postgres:Source=local", $"--Players:Postgres:DataDirectory={data.Path}");
        try
        {
            Assert.True(start.ExitCode == 0, start.ToString());
            var healthy = await AspireCli.RunAsync(Bound, "wait", "api", "--status", "healthy", "--timeout", "150");
            Assert.True(healthy.ExitCode == 0, healthy.ToString());

            var status = await AspireCli.RunAsync(Bound, "resource", "migrations", "status");
            var downgrade = await AspireCli.RunAsync(Bound, "resource", "migrations", "downgrade", "--target=-1");
            var refused = await AspireCli.RunAsync(Bound, "resource", "migrations", "downgrade", "--target", "SeedSubstitutes");
            var upgrade = await AspireCli.RunAsync(Bound, "resource", "migrations", "upgrade", "--target", "head");

            Assert.True(status.ExitCode == 0, status.ToString());
            using (var json = JsonDocument.Parse(status.Output))
            {
                Assert.Equal(Ids.SeedSubstitutes, json.RootElement.GetProperty("current").GetString());
            }

            Assert.True(downgrade.ExitCode == 0, downgrade.ToString());
            Assert.NotEqual(0, refused.ExitCode);
            Assert.Contains("exit 2: Cannot downgrade to", refused.Output + refused.Errors, StringComparison.Ordinal);
            Assert.True(upgrade.ExitCode == 0, upgrade.ToString());
        }
        finally
        {
            await AspireCli.RunAsync(Bound, "stop");
        }
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AspireCliCollection
{
    public const string Name = "Aspire CLI, alone";
}
