using Microsoft.EntityFrameworkCore.Migrations;
using Players.Data.Migrating.Engines;

namespace Players.Data.Migrating.Recording;

/// <summary>
/// The run record each engine's history repository appends to EF's history insert (an apply) and delete (a revert),
/// beside the checksum stamp: in the migration's own batch and transaction, so a migration commits with its record
/// and a rolled-back one leaves none. The migrator's contexts record what it measured; any other (a script,
/// <c>dotnet ef</c>) what the SQL can tell.
/// </summary>
internal sealed class RunRecordStamps(HistoryRepositoryDependencies dependencies)
{
    private readonly RunRecordTable _table = new(dependencies.SqlGenerationHelper, dependencies.TypeMappingSource, MigrationEngine.Of(dependencies.Options));
    private readonly RunRecorder? _recorder = dependencies.Options.FindExtension<MigratorOptionsExtension>()?.Recorder;

    public string AppliedScript(string migrationId) => Script(migrationId, RunRecord.Apply);

    public string RevertedScript(string migrationId) => Script(migrationId, RunRecord.Revert);

    private string Script(string migrationId, string direction) => _recorder is { } recorder && recorder.Direction == direction
        ? _table.RecordScript(recorder, migrationId)
        : _table.ScriptRecordScript(migrationId, direction, BuildIdentity.Current);
}
