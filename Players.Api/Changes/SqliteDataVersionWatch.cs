using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Players.Api.Infrastructure;
using Players.Data;

namespace Players.Api.Changes;

/// <summary>
/// SQLite has no notifications, but <c>PRAGMA data_version</c>, read on one connection of its own, changes whenever
/// any other connection commits to the file — in this process or another (a second API, the migration worker). It is
/// read before a cached list is served, at most every <see cref="LookInterval"/>, and at once after this process's own
/// commit, so that its own write is not seen a moment later as another change.
/// </summary>
public sealed class SqliteDataVersionWatch(DatabaseTarget target, PlayersApiMetrics metrics) : IPlayerChangeWatch, IDisposable
{
    public static readonly TimeSpan LookInterval = TimeSpan.FromMilliseconds(100);

    private readonly Lock _gate = new();
    private SqliteCommand? _dataVersion;
    private long _lastDataVersion;
    private long _changesSeen;

    // Stopwatch timestamp of the last successful look; 0 while the file cannot be read.
    private long _lastLook;

    public long? ChangesSeen()
    {
        // Between looks the answer stands without a lock: the look writes _changesSeen before _lastLook.
        var lastLook = Volatile.Read(ref _lastLook);
        if (lastLook != 0 && Stopwatch.GetElapsedTime(lastLook) < LookInterval)
        {
            return Volatile.Read(ref _changesSeen);
        }

        lock (_gate)
        {
            return Look(ownCommit: false);
        }
    }

    public long? CatchUp()
    {
        lock (_gate)
        {
            return Look(ownCommit: true);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            Close();
        }
    }

    private long? Look(bool ownCommit)
    {
        try
        {
            var opened = _dataVersion is null;
            _dataVersion ??= Open();
            var dataVersion = (long)_dataVersion.ExecuteScalar()!;

            // Values of two connections cannot be compared: a new connection may have missed anything.
            if (opened || dataVersion != _lastDataVersion)
            {
                _lastDataVersion = dataVersion;
                Volatile.Write(ref _changesSeen, _changesSeen + 1);
                if (!opened && !ownCommit)
                {
                    metrics.ChangesReceived.Add(1);
                }
            }

            Volatile.Write(ref _lastLook, Stopwatch.GetTimestamp());
            return _changesSeen;
        }
        catch (SqliteException)
        {
            // The file is gone or unreadable: no cached list until it can be watched again.
            Close();
            return null;
        }
    }

    private SqliteCommand Open()
    {
        var connectionString = new SqliteConnectionStringBuilder(target.ConnectionString)
        {
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
        }.ToString();
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            var command = connection.CreateCommand();
            command.CommandText = "PRAGMA data_version";
            return command;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private void Close()
    {
        Volatile.Write(ref _lastLook, 0);
        if (_dataVersion is { } command)
        {
            command.Connection?.Dispose();
            command.Dispose();
            _dataVersion = null;
        }
    }
}
