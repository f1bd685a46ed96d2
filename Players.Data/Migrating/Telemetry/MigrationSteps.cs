using System.Diagnostics;
using System.Reflection;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging;
using Players.Data.Migrating.Locking;
using MigrationCommand = Players.Data.Migrating.Planning.MigrationCommand;

namespace Players.Data.Migrating.Telemetry;

/// <summary>
/// Turns EF's "applying"/"reverting" events into one child span per migration. EF decides under its lock which
/// migrations it runs, so spans and the count reflect what this process did, not what another migrator did first.
/// A migration retried after a lock wait ran out keeps its span, which gains an event per retry.
/// </summary>
internal sealed class MigrationSteps
{
    public const string LockWaitRetryEvent = "lock wait retry";

    private readonly Activity? _root;
    private readonly MigrationCommand _command;
    private readonly LockWaitBudget _locks;
    private Activity? _current;

    public MigrationSteps(Activity? root, MigrationCommand command, LockWaitBudget locks)
    {
        _root = root;
        _command = command;
        _locks = locks;
        locks.Retrying += OnLockWaitRetry;
    }

    /// <summary>Migrations this process finished applying or reverting.</summary>
    public int Count { get; private set; }

    /// <summary>The migration being applied or reverted when the run failed, if any.</summary>
    public string? CurrentMigrationId { get; private set; }

    public static bool IsStepEvent(EventId id, LogLevel level) =>
        id == RelationalEventId.MigrationApplying || id == RelationalEventId.MigrationReverting;

    public void OnEvent(EventData data)
    {
        if (data is not MigrationEventData { Migration: var migration })
        {
            return;
        }

        var id = migration.GetType().GetCustomAttribute<MigrationAttribute>()?.Id ?? migration.GetType().Name;
        // EF announces a migration again each time its strategy retries it: still one step, whether or not a
        // listener records its span (without one there is no span, and the id alone says it is the same step).
        if (id == CurrentMigrationId)
        {
            return;
        }

        Complete();
        CurrentMigrationId = id;
        _locks.Migration = id;
        _current = MigrationTelemetry.StartStep(_root, _command, id);
    }

    public void Complete()
    {
        if (_current is null && CurrentMigrationId is null)
        {
            return;
        }

        _current?.Dispose();
        _current = null;
        CurrentMigrationId = null;
        Count++;
    }

    private void OnLockWaitRetry(LockWaitRetry retry) =>
        (_current ?? _root)?.AddEvent(new ActivityEvent(LockWaitRetryEvent, tags: new ActivityTagsCollection
        {
            ["migrations.retry.attempt"] = retry.Attempt,
            ["migrations.retry.waited_ms"] = (long)retry.Waited.TotalMilliseconds,
            ["migrations.retry.delay_ms"] = (long)retry.Delay.TotalMilliseconds,
            ["migrations.retry.blockers"] = string.Join("; ", retry.Blockers),
        }));

    public void Fail(Exception exception)
    {
        _current.RecordFailure(exception);
        _current?.Dispose();
        _current = null;
    }
}
