using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Players.Data.Migrating.Integrity;
using Players.Data.Migrating.Telemetry;

namespace Players.Data.Migrating;

/// <summary>Checksums of applied migrations: <c>verify</c> reads them, <c>repair</c> and the baseline write them.</summary>
public sealed partial class PlayersMigrator
{
    /// <summary>Compares each applied migration's recorded checksum with this build's; connects but writes nothing.</summary>
    /// <exception cref="DatabaseUnreachableException">The database could not be reached within the connect budget.</exception>
    public async Task<IntegrityReport> VerifyAsync(CancellationToken cancellationToken = default)
    {
        var elapsed = Stopwatch.StartNew();
        using var root = MigrationTelemetry.StartVerify(_engine);
        try
        {
            var (_, integrity) = await ReadHistoryAsync(await ExistsAsync(cancellationToken), cancellationToken);
            root.SetVerified(integrity);
            _logger.LogInformation(
                "Verified {Database}: {Count} applied migration(s), {Drifted} drifted, in {Milliseconds} ms.",
                target.Description, integrity.Checks.Count, integrity.Drifted.Count, elapsed.ElapsedMilliseconds);
            return integrity;
        }
        catch (Exception exception)
        {
            root.RecordFailure(exception);
            throw;
        }
    }

    /// <summary>
    /// Records this build's checksum for every applied migration whose checksum differs or is missing, logging each
    /// change: the deliberate acceptance of an edit after review. Returns what it changed.
    /// </summary>
    public async Task<IReadOnlyList<ChecksumCheck>> RepairAsync(CancellationToken cancellationToken = default)
    {
        var exists = await ExistsAsync(cancellationToken);
        await using var runLock = exists ? await _engine.AcquireRunLockAsync(NewLockWaitBudget(), _logger, cancellationToken) : null;
        var (_, integrity) = await ReadHistoryAsync(exists, cancellationToken);
        var changes = integrity.Checks.Where(check => check.State != ChecksumState.Match).ToList();
        await StampAsync(changes, cancellationToken);
        foreach (var change in changes)
        {
            _logger.LogWarning(
                "Re-stamped {Migration}: {Stored} → {Computed}.",
                change.MigrationId, change.StoredDescription, change.Computed);
        }

        return changes;
    }

    /// <summary>
    /// Stamps applied migrations of a database from before checksums (a baseline: it trusts this build's code). A
    /// database with a checksum table is never baselined: a missing row there is drift, refused before this runs.
    /// </summary>
    private async Task BaselineAsync(IntegrityReport integrity, CancellationToken cancellationToken)
    {
        if (integrity.Unstamped.Count == 0)
        {
            return;
        }

        await StampAsync(integrity.Unstamped, cancellationToken);
        _logger.LogInformation(
            "Baseline: stamped {Count} applied migration(s) that had no checksum, trusting this build's code: {Migrations}.",
            integrity.Unstamped.Count, string.Join(", ", integrity.Unstamped.Select(check => check.MigrationId)));
    }

    private async Task StampAsync(IReadOnlyList<ChecksumCheck> checks, CancellationToken cancellationToken)
    {
        if (checks.Count == 0)
        {
            return;
        }

        await using var db = CreateContext(sink: null);
        await ChecksumTable.Of(db).StampAsync(db, checks.Select(check => (check.MigrationId, check.Computed)), cancellationToken);
    }
}
