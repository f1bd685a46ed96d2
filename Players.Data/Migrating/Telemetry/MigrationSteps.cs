using System.Diagnostics;
using System.Reflection;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging;
using MigrationCommand = Players.Data.Migrating.Planning.MigrationCommand;

namespace Players.Data.Migrating.Telemetry;

/// <summary>
/// Turns EF's "applying"/"reverting" events into one child span per migration. EF decides under its lock which
/// migrations it runs, so spans and the count reflect what this process did, not what another migrator did first.
/// </summary>
internal sealed class MigrationSteps(Activity? root, MigrationCommand command)
{
    private Activity? _current;

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

        Complete();
        CurrentMigrationId = migration.GetType().GetCustomAttribute<MigrationAttribute>()?.Id ?? migration.GetType().Name;
        _current = MigrationTelemetry.StartStep(root, command, CurrentMigrationId);
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

    public void Fail(Exception exception)
    {
        _current.RecordFailure(exception);
        _current?.Dispose();
        _current = null;
    }
}
