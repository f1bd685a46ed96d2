using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Players.Data.Migrating.Engines;

namespace Players.Data.Migrating.Recording;

/// <summary>
/// <c>__MigrationRuns</c>: one row per apply and per revert of a migration, appended in the same batch as its history
/// row's insert or delete, and never deleted (docs/adr/0016-a-table-of-runs.md). Every script that writes it creates
/// it first if missing, as <c>__MigrationChecksums</c>.
/// </summary>
internal sealed class RunRecordTable(ISqlGenerationHelper sql, IRelationalTypeMappingSource types, MigrationEngine engine)
{
    public const string Name = "__MigrationRuns";

    /// <summary>
    /// Stands for the duration in a history script the migrator runs: <see cref="RunDurations"/> writes the measured
    /// milliseconds in its place as the statement is sent. Anywhere else it stays what it says, NULL.
    /// </summary>
    public const string DurationMarker = "NULL /* players: duration of this migration */";

    private static readonly string[] Columns =
        ["MigrationId", "Direction", "Outcome", "StartedAt", "DurationMs", "LockWaitMs", "LockRetries", "Version", "Commit"];

    private readonly RelationalTypeMapping _text = types.GetMapping(typeof(string));
    private readonly RelationalTypeMapping _long = types.GetMapping(typeof(long));
    private readonly RelationalTypeMapping _int = types.GetMapping(typeof(int));
    private readonly RelationalTypeMapping _timestamp = types.GetMapping(typeof(DateTime));

    private string Table => sql.DelimitIdentifier(Name);

    public static RunRecordTable Of(DbContext db) => new(
        db.GetService<ISqlGenerationHelper>(), db.GetService<IRelationalTypeMappingSource>(), MigrationEngine.Of(db));

    public string CreateIfNotExistsScript() =>
        $"CREATE TABLE IF NOT EXISTS {Table} ({engine.RunRecordKeyColumn(sql.DelimitIdentifier("Id"))}, "
        + $"{Column("MigrationId")} {_text.StoreType} NOT NULL, {Column("Direction")} {_text.StoreType} NOT NULL, "
        + $"{Column("Outcome")} {_text.StoreType} NOT NULL, {Column("StartedAt")} {_timestamp.StoreType} NULL, "
        + $"{Column("DurationMs")} {_long.StoreType} NULL, {Column("LockWaitMs")} {_long.StoreType} NULL, "
        + $"{Column("LockRetries")} {_int.StoreType} NULL, {Column("Version")} {_text.StoreType} NULL, "
        + $"{Column("Commit")} {_text.StoreType} NULL);\n";

    /// <summary>The record of a migration the migrator runs now, its duration left to <see cref="RunDurations"/>.</summary>
    public string RecordScript(RunRecorder recorder, string migrationId)
    {
        if (recorder.MigrationId != migrationId)
        {
            recorder.Begin(migrationId);
        }

        return Insert(recorder.Current(RunRecord.Succeeded), durationSql: DurationMarker);
    }

    /// <summary>
    /// The record of a migration run by a script or <c>dotnet ef</c>: what the SQL itself can tell (when its
    /// transaction began, and on engines that can, how long it took), and the build that wrote the script.
    /// </summary>
    public string ScriptRecordScript(string migrationId, string direction, BuildIdentity build) =>
        Insert(
            new RunRecord(migrationId, direction, RunRecord.Succeeded, null, null, null, null, build.Version, build.Commit),
            startedAtSql: engine.ScriptStartedAtSql,
            durationSql: engine.ScriptDurationMillisecondsSql ?? "NULL");

    /// <summary>
    /// The record of a migration that failed and rolled back, written whole from what the migrator measured; nothing
    /// when the history shows it took effect after all (an apply whose row is there, a revert whose row is gone).
    /// </summary>
    public string FailureScript(RunRecord record)
    {
        var history = $"SELECT 1 FROM {sql.DelimitIdentifier(HistoryRepository.DefaultTableName)} WHERE {Column("MigrationId")} = {Text(record.MigrationId)}";
        return CreateIfNotExistsScript()
            + $"INSERT INTO {Table} ({string.Join(", ", Columns.Select(Column))}) SELECT {Values(record)} "
            + $"WHERE {(record.Direction == RunRecord.Apply ? "NOT " : "")}EXISTS ({history});\n";
    }

    /// <summary>Every record, newest first; none when the table does not exist (nothing recorded yet). Creates nothing.</summary>
    public async Task<IReadOnlyList<RunRecord>> ReadAsync(DbContext db, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = db.Database.GetDbConnection();
            await using (var exists = connection.CreateCommand())
            {
                exists.CommandText = engine.TableExistsSql(_text.GenerateSqlLiteral(Name));
                if (Convert.ToInt64(await exists.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) == 0)
                {
                    return [];
                }
            }

            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT {string.Join(", ", Columns.Select(Column))} FROM {Table} ORDER BY {Column("Id")} DESC";
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            var records = new List<RunRecord>();
            while (await reader.ReadAsync(cancellationToken))
            {
                records.Add(Read(reader));
            }

            return records;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private string Insert(RunRecord record, string? startedAtSql = null, string? durationSql = null) =>
        CreateIfNotExistsScript()
        + $"INSERT INTO {Table} ({string.Join(", ", Columns.Select(Column))}) VALUES ({Values(record, startedAtSql, durationSql)});\n";

    private string Values(RunRecord record, string? startedAtSql = null, string? durationSql = null) =>
        string.Join(", ",
            Text(record.MigrationId),
            Text(record.Direction),
            Text(record.Outcome),
            startedAtSql ?? (record.StartedAt is { } started ? _timestamp.GenerateSqlLiteral(DateTime.SpecifyKind(started, DateTimeKind.Utc)) : "NULL"),
            durationSql ?? Number(_long, record.DurationMs),
            Number(_long, record.LockWaitMs),
            Number(_int, record.LockRetries),
            Text(record.Version),
            Text(record.Commit));

    private string Column(string name) => sql.DelimitIdentifier(name);

    private string Text(string? value) => value is null ? "NULL" : _text.GenerateSqlLiteral(value);

    private static string Number(RelationalTypeMapping mapping, long? value) =>
        value is { } number ? mapping.GenerateSqlLiteral(mapping.ClrType == typeof(int) ? (object)(int)number : number) : "NULL";

    private static RunRecord Read(DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.IsDBNull(3) ? null : Utc(reader.GetValue(3)),
        reader.IsDBNull(4) ? null : Convert.ToInt64(reader.GetValue(4), CultureInfo.InvariantCulture),
        reader.IsDBNull(5) ? null : Convert.ToInt64(reader.GetValue(5), CultureInfo.InvariantCulture),
        reader.IsDBNull(6) ? null : Convert.ToInt32(reader.GetValue(6), CultureInfo.InvariantCulture),
        reader.IsDBNull(7) ? null : reader.GetString(7),
        reader.IsDBNull(8) ? null : reader.GetString(8));

    // A timestamp comes back as a UTC DateTime from a timestamp type, or as the text a text-typed column holds.
    private static DateTime Utc(object value) => value switch
    {
        DateTime time => time.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(time, DateTimeKind.Utc) : time.ToUniversalTime(),
        DateTimeOffset time => time.UtcDateTime,
        _ => DateTime.Parse(Convert.ToString(value, CultureInfo.InvariantCulture)!, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
    };
}
