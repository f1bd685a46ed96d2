using Players.Data.Migrating.Integrity;
using Players.Tests.Infrastructure;

namespace Players.Tests.Integrity;

/// <summary>What a test database recorded about its migrations' checksums.</summary>
public static class IntegrityState
{
    /// <summary>The rows of the checksum table by migration id; empty when the table does not exist.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> StoredChecksumsAsync(this TestDatabase database)
    {
        await using var db = database.CreateContext();
        return await ChecksumTable.Of(db).ReadAsync(db, CancellationToken.None) ?? new Dictionary<string, string>();
    }

    /// <summary>This build's checksums of <paramref name="migrationIds"/> on the database's engine.</summary>
    public static Dictionary<string, string> BuildChecksumsOf(this TestDatabase database, params string[] migrationIds) =>
        migrationIds.ToDictionary(id => id, id => BuildChecksums.For(database.Engine)[id]);
}
