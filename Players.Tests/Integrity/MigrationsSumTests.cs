using Players.Data;
using Players.Data.Migrating.Integrity;
using Players.Tests.Infrastructure;
using Players.Tests.Worker;

namespace Players.Tests.Integrity;

/// <summary>
/// <c>Players.Data/Migrations/migrations.sum</c> holds every migration's checksum(s). It is committed, so it also
/// proves the checksums do not depend on the EF Core or Npgsql version the build restored. <c>sum</c> runs as the worker's
/// command in process (<see cref="InProcessWorker"/>): its output writer is the process's stdout.
/// </summary>
[Trait("Tier", "Fast")]
public sealed class MigrationsSumTests
{
    private static readonly string CommittedPath = RepositoryFiles.PathOf(MigrationsSum.RelativePath);

    [Fact]
    public void The_committed_migrations_sum_matches_every_migration_of_this_build()
    {
        var differences = MigrationsSum.Differences(MigrationsSum.Parse(File.ReadAllText(CommittedPath)), MigrationsSum.OfBuild());

        Assert.True(differences.Count == 0, string.Join('\n', differences));
    }

    [Fact]
    public void A_changed_entry_is_named_with_both_checksums()
    {
        var build = MigrationsSum.OfBuild();
        var file = new Dictionary<string, string>(build) { [Worker.Migrations.CreatePlayersTable] = "v1:0000" };

        var difference = Assert.Single(MigrationsSum.Differences(file, build));

        Assert.StartsWith($"{Worker.Migrations.CreatePlayersTable}: changed: migrations.sum has v1:0000, this build computes {build[Worker.Migrations.CreatePlayersTable]}.", difference, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_entry_is_named()
    {
        var build = MigrationsSum.OfBuild();
        var file = build.Where(entry => entry.Key != Worker.Migrations.SeedSubstitutes).ToDictionary();

        var difference = Assert.Single(MigrationsSum.Differences(file, build));

        Assert.StartsWith($"{Worker.Migrations.SeedSubstitutes}: missing from migrations.sum.", difference, StringComparison.Ordinal);
    }

    [Fact]
    public void An_extra_entry_is_named()
    {
        var build = MigrationsSum.OfBuild();
        var file = new Dictionary<string, string>(build) { [DatabaseState.UnknownMigration] = "v1:0000" };

        var difference = Assert.Single(MigrationsSum.Differences(file, build));

        Assert.StartsWith($"{DatabaseState.UnknownMigration}: in migrations.sum but not in this build.", difference, StringComparison.Ordinal);
    }

    [Fact]
    public void A_migration_gets_one_checksum_per_engine_only_where_its_operations_ask_for_the_provider()
    {
        var sum = MigrationsSum.OfBuild();

        Assert.Equal(BuildChecksums.For(DatabaseEngine.Sqlite)[Worker.Migrations.CreatePlayersTable], sum[Worker.Migrations.CreatePlayersTable]);
        Assert.Equal(BuildChecksums.For(DatabaseEngine.PostgreSql)[Worker.Migrations.CreatePlayersTable], sum[Worker.Migrations.CreatePlayersTable]);
        foreach (var seed in new[] { Worker.Migrations.SeedStartingEleven, Worker.Migrations.SeedSubstitutes })
        {
            Assert.Equal(
                $"postgresql={BuildChecksums.For(DatabaseEngine.PostgreSql)[seed]} sqlite={BuildChecksums.For(DatabaseEngine.Sqlite)[seed]}",
                sum[seed]);
        }
    }

    [Theory]
    [InlineData("sum", "FILE")]
    [InlineData("sum", "-")]
    public async Task Sum_writes_the_committed_file_without_connecting(params string[] command)
    {
        var file = Path.Combine(Path.GetTempPath(), $"players-{Guid.NewGuid():N}.sum");
        try
        {
            // A server that is not there, and a password: neither matters to a command that never connects.
            var run = await InProcessWorker.RunAsync(
                $"postgresql://players:s3cret@127.0.0.1:{LoopbackPort.Free()}/players", [.. command.Select(arg => arg == "FILE" ? file : arg)]);

            Assert.True(run.ExitCode == 0, run.ToString());
            var written = command[1] == "-" ? run.Output : await File.ReadAllTextAsync(file);
            Assert.Equal(await File.ReadAllTextAsync(CommittedPath), written);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void A_malformed_line_is_refused_naming_its_number()
    {
        var error = Assert.Throws<FormatException>(() => MigrationsSum.Parse("# header\n\n20261126041544_CreatePlayersTable\n"));

        Assert.StartsWith("migrations.sum line 3 ", error.Message, StringComparison.Ordinal);
    }
}
