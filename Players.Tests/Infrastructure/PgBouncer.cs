using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Players.Tests.Infrastructure;

/// <summary>
/// Debian's PgBouncer in transaction pooling mode, started on a free loopback port in front of one PostgreSQL server,
/// as the <c>postgres</c> user (it refuses to run as root), its configuration in a folder of its own.
/// </summary>
public sealed class PgBouncer : IAsyncDisposable
{
    public const string Program = "/usr/sbin/pgbouncer";

    private static readonly TimeSpan StartBound = TimeSpan.FromSeconds(30);

    private readonly DirectoryInfo _root;
    private readonly NpgsqlConnectionStringBuilder _server;
    private Process? _process;

    private PgBouncer(DirectoryInfo root, NpgsqlConnectionStringBuilder server, int port)
    {
        _root = root;
        _server = server;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Starts PgBouncer in front of the server that <paramref name="serverConnectionString"/> names.</summary>
    public static async Task<PgBouncer> StartAsync(string serverConnectionString)
    {
        var server = new NpgsqlConnectionStringBuilder(serverConnectionString);
        var bouncer = new PgBouncer(Directory.CreateTempSubdirectory("players-pgbouncer-"), server, LoopbackPort.Free());
        try
        {
            await bouncer.ConfigureAsync();
            bouncer._process = ServerUser.Start(Program, [bouncer.ConfigurationFile]);
            await bouncer.WaitUntilReadyAsync();
            return bouncer;
        }
        catch
        {
            await bouncer.DisposeAsync();
            throw;
        }
    }

    /// <summary><paramref name="directConnectionString"/>, the same database and user, reached through this PgBouncer.</summary>
    public string ConnectionString(string directConnectionString) =>
        new NpgsqlConnectionStringBuilder(directConnectionString) { Host = "127.0.0.1", Port = Port }.ConnectionString;

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
        NpgsqlConnection.ClearAllPools();
        _root.Delete(recursive: true);
    }

    private string ConfigurationFile => Path.Combine(_root.FullName, "pgbouncer.ini");

    private async Task ConfigureAsync()
    {
        var users = Path.Combine(_root.FullName, "users.txt");
        // Clients are trusted; PgBouncer logs into the server with the password written here, if the server asks.
        await File.WriteAllTextAsync(users, $"\"{Quoted(_server.Username ?? ServerUser.Name)}\" \"{Quoted(_server.Password ?? "")}\"\n");
        await File.WriteAllTextAsync(ConfigurationFile, string.Create(CultureInfo.InvariantCulture, $"""
            [databases]
            * = host={_server.Host} port={_server.Port}

            [pgbouncer]
            listen_addr = 127.0.0.1
            listen_port = {Port}
            unix_socket_dir =
            auth_type = trust
            auth_file = {users}
            pool_mode = transaction
            default_pool_size = 20
            max_client_conn = 500
            ignore_startup_parameters = extra_float_digits,options
            logfile = {Path.Combine(_root.FullName, "pgbouncer.log")}

            """));
        await ServerUser.GiveAsync(_root.FullName);
    }

    private async Task WaitUntilReadyAsync()
    {
        var elapsed = Stopwatch.StartNew();
        var probe = new NpgsqlConnectionStringBuilder(ConnectionString(_server.ConnectionString)) { Pooling = false, Database = "postgres" };
        while (true)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"PgBouncer exited with {_process.ExitCode} at start: {await LogAsync()}");
            }

            try
            {
                await using var connection = new NpgsqlConnection(probe.ConnectionString);
                await connection.OpenAsync();
                return;
            }
            catch (NpgsqlException) when (elapsed.Elapsed < StartBound)
            {
                await Task.Delay(50);
            }
        }
    }

    private async Task<string> LogAsync()
    {
        var log = Path.Combine(_root.FullName, "pgbouncer.log");
        return File.Exists(log) ? await File.ReadAllTextAsync(log) : "(no log)";
    }

    private static string Quoted(string value) => value.Replace("\"", "\"\"", StringComparison.Ordinal);
}
