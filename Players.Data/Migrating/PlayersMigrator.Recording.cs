using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Players.Data.Migrating.Locking;
using Players.Data.Migrating.Recording;

namespace Players.Data.Migrating;

/// <summary>The record of every run (docs/adr/0016-a-table-of-runs.md): <c>history</c> reads it, a failed migration adds to it.</summary>
public sealed partial class PlayersMigrator
{
    /// <summary>The build each run record names; tests give it one built without a commit.</summary>
    internal BuildIdentity Build { get; init; } = BuildIdentity.Current;

    /// <summary>Every apply and revert recorded, newest first; none for a missing database. Connects but never writes.</summary>
    /// <exception cref="DatabaseUnreachableException">The database could not be reached within the connect budget.</exception>
    public async Task<IReadOnlyList<RunRecord>> GetHistoryAsync(CancellationToken cancellationToken = default) =>
        await ExistsAsync(cancellationToken) ? await ReadRunsAsync(cancellationToken) : [];

    private async Task<IReadOnlyList<RunRecord>> ReadRunsAsync(CancellationToken cancellationToken)
    {
        await using var db = CreateContext(sink: null);
        return await RunRecordTable.Of(db).ReadAsync(db, cancellationToken);
    }

    /// <summary>
    /// Records the migration a failed run was in, once its transaction has rolled back: on a connection of its own,
    /// only if that migration did not commit after all, and within a few seconds. A record that cannot be written is
    /// logged, never put before the run's own failure.
    /// </summary>
    private async Task RecordFailureAsync(RunRecorder recorder)
    {
        if (recorder.MigrationId is null)
        {
            return;
        }

        var record = recorder.Current(RunRecord.Failed);
        try
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await using var db = CreateContext(sink: null, new LockWaitBudget(TimeSpan.FromSeconds(2), _budgets.LockWait));
            await db.Database.ExecuteSqlRawAsync(RunRecordTable.Of(db).FailureScript(record), deadline.Token);
        }
        catch (Exception exception)
        {
            _logger.LogWarning("Could not record the failed {Direction} of {Migration}: {Reason}", record.Direction, record.MigrationId, exception.Message);
        }
    }
}
