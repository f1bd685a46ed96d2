using Microsoft.EntityFrameworkCore;
using Players.Api.Players;
using Players.Data;
using Players.Data.Changes;

namespace Players.Api.Changes;

/// <summary>
/// Runs one write of the players so that every API process stops serving the list it changed: this process drops its
/// cached list; on PostgreSQL the write also sends a NOTIFY in its own transaction, delivered to every listener only
/// if the write commits (ADR 6). The transaction runs through the execution strategy, whose retry first asks
/// <c>succeeded</c> whether a commit that broke off took effect, so a retried create never answers 409 for itself.
/// A write that throws drops this process's list too: its commit may have taken effect (an outcome unknown when the
/// retry budget ran out), and the listener passes over this process's own notification.
/// </summary>
public sealed class PlayerWrites(PlayerListCache cache, ChangeOrigin origin)
{
    /// <param name="db">The request's context.</param>
    /// <param name="write">Changes rows and returns how many; nothing is announced when none changed.</param>
    /// <param name="succeeded">After a commit of unknown outcome, whether the write took effect.</param>
    /// <param name="cancellationToken">The request's token.</param>
    /// <returns>How many rows the write changed.</returns>
    public async Task<int> RunAsync(
        PlayersDbContext db,
        Func<CancellationToken, Task<int>> write,
        Func<CancellationToken, Task<bool>> succeeded,
        CancellationToken cancellationToken)
    {
        int changed;
        try
        {
            changed = await WriteAsync(db, write, succeeded, cancellationToken);
        }
        catch
        {
            cache.Invalidate();
            throw;
        }

        if (changed > 0)
        {
            cache.Invalidate();
        }

        return changed;
    }

    private async Task<int> WriteAsync(
        PlayersDbContext db,
        Func<CancellationToken, Task<int>> write,
        Func<CancellationToken, Task<bool>> succeeded,
        CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            // SaveChanges would guard itself with a savepoint inside the transaction: two round trips for nothing.
            db.Database.AutoSavepointsEnabled = false;
            return await db.Database.CreateExecutionStrategy().ExecuteInTransactionAsync(
                async token =>
                {
                    var rows = await write(token);
                    if (rows > 0)
                    {
                        await db.Database.ExecuteSqlRawAsync(ChangeChannel.NotifySql(origin.Payload), token);
                    }

                    return rows;
                },
                succeeded,
                cancellationToken);
        }

        return await write(cancellationToken);
    }
}
