using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Scaffolding.Metadata;

namespace Players.Data.Migrating.Engines.Sqlite;

/// <summary>
/// SQLite's schema reader leaves every index's filter unset; SQLite keeps a partial index's <c>WHERE</c> only in the
/// <c>CREATE INDEX</c> text it stores in <c>sqlite_master</c>, so <c>check</c> reads it from there.
/// </summary>
internal static partial class SqliteIndexFilters
{
    public static void Read(DbConnection connection, DbTransaction? transaction, DatabaseModel database)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL";
        var filters = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                if (WhereClause().Match(reader.GetString(1)) is { Success: true } where)
                {
                    filters[reader.GetString(0)] = where.Groups["filter"].Value.Trim();
                }
            }
        }

        foreach (var index in database.Tables.SelectMany(table => table.Indexes))
        {
            index.Filter ??= index.Name is { } name ? filters.GetValueOrDefault(name) : null;
        }
    }

    [GeneratedRegex(@"\)\s*WHERE\s+(?<filter>.+)$", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex WhereClause();
}
