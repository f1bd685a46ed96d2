using System.Diagnostics;
using Npgsql;
using Players.Tests.Infrastructure;

namespace Players.Tests.Distributed;

/// <summary>
/// The AppHost's local PostgreSQL (start-postgres.sh): a new data directory is a copy of the pristine cluster the first
/// initdb left in the user's cache folder, and the copy serves.
/// </summary>
[Trait("Tier", "Process")]
public sealed class LocalPostgresTemplateTests
{
    [Fact]
    public async Task A_new_data_directory_is_a_copy_of_the_cluster_the_first_initdb_left_in_the_cache()
    {
        var root = Directory.CreateTempSubdirectory("players-template-");
        try
        {
            // As root the server runs as the postgres user, which must enter these folders.
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(root.FullName, (UnixFileMode)0b111_101_101);
            }

            var cache = Path.Combine(root.FullName, "cache");

            var first = await RunOnceAsync(cache, Path.Combine(root.FullName, "first"));
            var second = await RunOnceAsync(cache, Path.Combine(root.FullName, "second"));

            Assert.Contains("Creating a PostgreSQL cluster in", first, StringComparison.Ordinal);
            Assert.DoesNotContain("a copy of", first, StringComparison.Ordinal);
            Assert.Contains($"(a copy of {cache}/players/postgres-template-", second, StringComparison.Ordinal);
            Assert.Single(Directory.GetDirectories(Path.Combine(cache, "players")));
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    /// <summary>Starts the script on a data directory, waits for a query to answer, stops it as DCP does (SIGTERM).</summary>
    private static async Task<string> RunOnceAsync(string cache, string data)
    {
        var port = LoopbackPort.Free();
        var start = new ProcessStartInfo("bash", [Path.Combine(AppContext.BaseDirectory, "LocalPostgres", "start-postgres.sh")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["XDG_CACHE_HOME"] = cache;
        start.Environment["PG_BINDIR"] = PostgresBinaries.Directory;
        start.Environment["PGDATA"] = data;
        start.Environment["PGPORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var script = Process.Start(start)!;
        var output = script.StandardOutput.ReadToEndAsync();
        var errors = script.StandardError.ReadToEndAsync();
        try
        {
            await using var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={port};Username=postgres;Pooling=false;Timeout=2");
            var deadline = DateTime.UtcNow.AddSeconds(90);
            while (true)
            {
                try
                {
                    await connection.OpenAsync();
                    break;
                }
                catch (NpgsqlException) when (DateTime.UtcNow < deadline && !script.HasExited)
                {
                    await Task.Delay(100);
                }
            }

            await using var command = new NpgsqlCommand("select 1", connection);
            Assert.Equal(1, await command.ExecuteScalarAsync());
        }
        finally
        {
            using var term = Process.Start("kill", ["-TERM", script.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await term.WaitForExitAsync();
            await script.WaitForExitAsync();
        }

        return await output + await errors;
    }
}
