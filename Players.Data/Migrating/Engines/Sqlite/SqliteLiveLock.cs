using Microsoft.EntityFrameworkCore.Migrations;

namespace Players.Data.Migrating.Engines.Sqlite;

/// <summary>
/// EF's SQLite lock is a row, which cannot tell a running migrator from one that was killed. While the row is ours
/// we also hold an exclusive OS lock on a sidecar file (<c>{database}.migrating</c>); the OS releases it when the
/// process dies, so <c>unlock</c> can tell a live holder from a stale row.
/// </summary>
internal sealed class SqliteLiveLock : IMigrationsDatabaseLock
{
    private IMigrationsDatabaseLock _inner;
    private readonly IHistoryRepository _historyRepository;
    private readonly FileStream? _marker;

    public SqliteLiveLock(IMigrationsDatabaseLock inner, IHistoryRepository historyRepository, string databasePath)
    {
        _inner = inner;
        _historyRepository = historyRepository;
        _marker = TryHold(databasePath);
    }

    IHistoryRepository IMigrationsDatabaseLock.HistoryRepository => _historyRepository;

    /// <summary>True while a live process holds the migration lock of the database at <paramref name="databasePath"/>.</summary>
    public static bool IsHeldByLiveProcess(string databasePath)
    {
        using var probe = TryHold(databasePath);
        return probe is null && File.Exists(MarkerPath(databasePath));
    }

    // EF keeps whatever these return as its lock: returning this keeps the marker released with the row.
    public IMigrationsDatabaseLock ReacquireIfNeeded(bool connectionReopened, bool? transactionRestarted)
    {
        _inner = _inner.ReacquireIfNeeded(connectionReopened, transactionRestarted);
        return this;
    }

    public async Task<IMigrationsDatabaseLock> ReacquireIfNeededAsync(
        bool connectionReopened, bool? transactionRestarted, CancellationToken cancellationToken = default)
    {
        _inner = await _inner.ReacquireIfNeededAsync(connectionReopened, transactionRestarted, cancellationToken);
        return this;
    }

    public void Dispose()
    {
        _inner.Dispose();
        _marker?.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await _inner.DisposeAsync();
        if (_marker is not null)
        {
            await _marker.DisposeAsync();
        }
    }

    private static string MarkerPath(string databasePath) => databasePath + ".migrating";

    // FileShare.None is an exclusive flock on Unix and a sharing lock on Windows: one holder at a time, released on exit.
    private static FileStream? TryHold(string databasePath)
    {
        try
        {
            return new FileStream(MarkerPath(databasePath), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
