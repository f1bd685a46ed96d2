using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Storage;
using Players.Data.Migrating.Lint;

namespace Players.Data.Migrating.Engines.Postgres;

/// <summary>PostgreSQL's rules: an index built without <c>CONCURRENTLY</c> (PG101) and a type change that rewrites the table (PG301).</summary>
internal static partial class PostgresLintRules
{
    /// <summary>What <c>IsCreatedConcurrently()</c> writes on the index (Npgsql's <c>NpgsqlAnnotationNames.CreatedConcurrently</c>, in an internal namespace).</summary>
    public const string CreatedConcurrently = "Npgsql:CreatedConcurrently";

    public static IEnumerable<LintFinding> Check(LintStep step, MigrationOperation operation)
    {
        switch (operation)
        {
            case CreateIndexOperation index when index[CreatedConcurrently] is not true:
                yield return step.Finding(LintRules.IndexWithoutConcurrently,
                    $"creates index {index.Name} on existing table {step.Describe(index.Table)} without CONCURRENTLY: every write to {index.Table} waits until it is built. "
                    + $"Instead add .Annotation(\"{CreatedConcurrently}\", true) to the CreateIndex (what IsCreatedConcurrently() writes): Npgsql then builds it concurrently, outside the migration's transaction.");
                break;
            case AlterColumnOperation column when StoreTypeChange(step, column) is var (from, to) && !IsBinaryCoercible(from, to):
                yield return step.Finding(LintRules.ColumnTypeChange,
                    $"changes the type of column {column.Table}.{column.Name} from {from} to {to}: PostgreSQL rewrites {column.Table} and its indexes under an ACCESS EXCLUSIVE lock, blocking reads and writes. "
                    + "Instead add a column of the new type, backfill it in batches, move reads and writes to it, and drop the old one in a later release.");
                break;
        }
    }

    private static (string From, string To)? StoreTypeChange(LintStep step, AlterColumnOperation column)
    {
        var types = step.Offline.GetService<IRelationalTypeMappingSource>();
        var from = StoreType(types, column.OldColumn);
        var to = StoreType(types, column);
        return from is not null && to is not null && !string.Equals(from, to, StringComparison.OrdinalIgnoreCase) ? (from, to) : null;
    }

    private static string? StoreType(IRelationalTypeMappingSource types, ColumnOperation column) =>
        column.ColumnType ?? types.FindMapping(
            column.ClrType, storeTypeName: null, unicode: column.IsUnicode, size: column.MaxLength, rowVersion: column.IsRowVersion,
            fixedLength: column.IsFixedLength, precision: column.Precision, scale: column.Scale)?.StoreType;

    // A longer (or unbounded) character varying, or text, reuses the stored bytes: PostgreSQL changes the catalog only.
    private static bool IsBinaryCoercible(string from, string to)
    {
        var old = Text().Match(from);
        var @new = Text().Match(to);
        if (!old.Success || !@new.Success)
        {
            return false;
        }

        if (!@new.Groups["length"].Success)
        {
            return true;
        }

        return old.Groups["length"].Success
            && int.Parse(@new.Groups["length"].Value, CultureInfo.InvariantCulture) >= int.Parse(old.Groups["length"].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^(text|character varying(\((?<length>\d+)\))?)$", RegexOptions.IgnoreCase)]
    private static partial Regex Text();
}
