using System.Diagnostics;
using Npgsql;

namespace Players.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL server started from the installed binaries on a free loopback port, with its data
/// directory under the temp folder. As root it runs as the <c>postgres</c> user, which the server requires.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    public const string SuperUser = "postgres";

    private readonly string _root;
    private Process? _server;

    private PostgresCluster(string root, string? password)
    {
        _root = root;
        Password = password;
    }

    public int Port { get; private set; }

    /// <summary>The superuser password, when the cluster was started with scram-sha-256 authentication.</summary>
    public string? Password { get; }

    public string DataDirectory => System.IO.Path.Combine(_root, "data");

    private string SocketDirectory => System.IO.Path.Combine(_root, "socket");

    /// <summary>Starts a new cluster; with <paramref name="password"/> it requires scram-sha-256 authentication.</summary>
    public static async Task<PostgresCluster> StartAsync(string? password = null)
    {
        var root = Directory.CreateTempSubdirectory("players-pg-").FullName;
        var cluster = new PostgresCluster(root, password);
        try
        {
            await cluster.InitializeAsync();
            await cluster.StartServerAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public string ConnectionString(string database = "postgres", int maxPoolSize = 20) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = SuperUser,
            Password = Password,
            Database = database,
            MaxPoolSize = maxPoolSize,
        }.ConnectionString;

    /// <summary>Stops the server with a fast shutdown (SIGINT), as a crash-free stop of a running database.</summary>
    public Task StopAsync() => StopAsync("-INT");

    /// <summary>Starts the stopped server again on the same port.</summary>
    public Task RestartAsync() => StartServerAsync(Port);

    public async ValueTask DisposeAsync()
    {
        try
        {
            // An immediate shutdown (SIGQUIT) skips the checkpoint: these data are about to be deleted, and a
            // cluster disposed at process exit must be gone before the test host is.
            await StopAsync("-QUIT");
        }
        catch (Exception) when (_server is not null)
        {
            _server.Kill(entireProcessTree: true);
        }

        NpgsqlConnection.ClearAllPools();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Directory.Delete(_root, recursive: true);
                return;
            }
            catch (IOException) when (attempt < 10)
            {
                // A backend may still be removing its files after the postmaster has gone.
                await Task.Delay(100);
            }
        }
    }

    /// <summary>
    /// For process exit, when the test host may be ended before a deletion finishes: an immediate shutdown, then a
    /// detached shell that outlives this process waits for the server to go and removes the cluster's folder.
    /// </summary>
    public void DisposeDetached()
    {
        var serverId = _server is { HasExited: false } server ? server.Id : 0;
        var script = serverId == 0
            ? "rm -rf \"$1\""
            : "kill -QUIT \"$2\"; while kill -0 \"$2\" 2>/dev/null; do sleep 0.1; done; rm -rf \"$1\"";
        Process.Start(new ProcessStartInfo("sh", ["-c", script, "sh", _root, serverId.ToString(System.Globalization.CultureInfo.InvariantCulture)]))?.Dispose();
    }

    private async Task StopAsync(string signal)
    {
        if (_server is { HasExited: false })
        {
            await ServerUser.RunAsync("kill", [signal, _server.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _server.WaitForExitAsync(timeout.Token);
        }

        _server?.Dispose();
        _server = null;
    }

    private async Task InitializeAsync()
    {
        Directory.CreateDirectory(SocketDirectory);
        List<string> arguments = ["-D", DataDirectory, "-U", SuperUser, "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"];
        if (Password is null)
        {
            arguments.Add("--auth=trust");
        }
        else
        {
            var passwordFile = System.IO.Path.Combine(_root, "pwfile");
            await File.WriteAllTextAsync(passwordFile, Password);
            arguments.AddRange(["--auth=scram-sha-256", $"--pwfile={passwordFile}"]);
        }

        GrantToServerUser();
        await ServerUser.RunAsServerUserAsync(PostgresBinaries.Path("initdb"), arguments);
    }

    private async Task StartServerAsync(int? port = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            Port = port ?? LoopbackPort.Free();
            _server = ServerUser.Start(PostgresBinaries.Path("postgres"),
            [
                "-D", DataDirectory, "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "-k", SocketDirectory, "-c", "listen_addresses=127.0.0.1", "-c", "max_connections=300",
                "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
            ]);

            if (await WaitUntilReadyAsync(_server))
            {
                return;
            }

            // Another process may have taken the port between choosing and binding it: choose again.
            if (port is not null || attempt == 5)
            {
                throw new InvalidOperationException($"PostgreSQL did not start on port {Port} (data directory {DataDirectory}).");
            }
        }
    }

    private async Task<bool> WaitUntilReadyAsync(Process server)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (server.HasExited)
            {
                return false;
            }

            try
            {
                await using var connection = new NpgsqlConnection(ConnectionString() + ";Pooling=false");
                await connection.OpenAsync();
                return true;
            }
            catch (NpgsqlException)
            {
                await Task.Delay(50);
            }
        }

        server.Kill(entireProcessTree: true);
        return false;
    }

    private void GrantToServerUser()
    {
        if (ServerUser.IsRoot && !OperatingSystem.IsWindows())
        {
            // The server refuses to run as root; the postgres user must own everything under the root folder.
            File.SetUnixFileMode(_root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        ServerUser.GiveAsync(_root).GetAwaiter().GetResult();
    }
}
