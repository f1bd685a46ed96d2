using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Players.Data.Migrating.Engines;

namespace Players.Data.Migrating.Integrity;

/// <summary>
/// <c>__MigrationChecksums</c>, beside EF's history table: one row per applied migration, written and deleted in the
/// same batch as its history row (docs/adr/0010-migration-checksums.md). Every script that writes it creates it first
/// if missing, so a script run on a database older than checksums works as well as a live migration.
/// </summary>
internal sealed class ChecksumTable(ISqlGenerationHelper sql, RelationalTypeMapping text, MigrationEngine engine)
{
    public const string Name = "__MigrationChecksums";

    private string Table => sql.DelimitIdentifier(Name);

    private string IdColumn => sql.DelimitIdentifier("MigrationId");

    private string ChecksumColumn => sql.DelimitIdentifier("Checksum");

    public static ChecksumTable Of(DbContext db) => new(
        db.GetService<ISqlGenerationHelper>(),
        db.GetService<IRelationalTypeMappingSource>().GetMapping(typeof(string)),
        MigrationEngine.Of(db));

    public string CreateIfNotExistsScript() =>
        $"CREATE TABLE IF NOT EXISTS {Table} ({IdColumn} {text.StoreType} NOT NULL PRIMARY KEY, {ChecksumColumn} {text.StoreType} NOT NULL);\n";

    /// <summary>Records a checksum, replacing any row a revert by another tool left behind.</summary>
    public string StampScript(string migrationId, string checksum) =>
        CreateIfNotExistsScript()
        + $"INSERT INTO {Table} ({IdColumn}, {ChecksumColumn}) VALUES ({Literal(migrationId)}, {Literal(checksum)})\n"
        + $"ON CONFLICT ({IdColumn}) DO UPDATE SET {ChecksumColumn} = excluded.{ChecksumColumn};\n";

    public string DeleteScript(string migrationId) =>
        CreateIfNotExistsScript() + $"DELETE FROM {Table} WHERE {IdColumn} = {Literal(migrationId)};\n";

    /// <summary>
    /// The stored checksums by migration id; null when the table does not exist (a database from before checksums),
    /// as distinct from a table that lacks rows. Creates nothing.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>?> ReadAsync(DbContext db, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = db.Database.GetDbConnection();
            if (Convert.ToInt64(await ScalarAsync(connection, engine.TableExistsSql(Literal(Name)), cancellationToken), CultureInfo.InvariantCulture) == 0)
            {
                return null;
            }

            var checksums = new Dictionary<string, string>(StringComparer.Ordinal);

            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT {IdColumn}, {ChecksumColumn} FROM {Table}";
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                checksums[reader.GetString(0)] = reader.GetString(1);
            }

            return checksums;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Stamps each migration with its checksum in one transaction.</summary>
    public async Task StampAsync(DbContext db, IEnumerable<(string MigrationId, string Checksum)> stamps, CancellationToken cancellationToken)
    {
        var script = string.Concat(stamps.Select(stamp => StampScript(stamp.MigrationId, stamp.Checksum)));
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(token);
            await db.Database.ExecuteSqlRawAsync(script, token);
            await transaction.CommitAsync(token);
        }, cancellationToken);
    }

    private string Literal(string value) => text.GenerateSqlLiteral(value);

    private static async Task<object?> ScalarAsync(DbConnection connection, string commandText, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = commandText;
        return await command.ExecuteScalarAsync(cancellationToken);
    }
}
