using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace Players.Data.Migrating.Lint;

/// <summary>The rules every engine shares; each message says what the operation does, why it hurts, and the safe way.</summary>
internal static class OperationRules
{
    private const int SqlPreviewLength = 60;

    public static IEnumerable<LintFinding> Check(LintStep step, MigrationOperation operation)
    {
        switch (operation)
        {
            case RenameTableOperation rename:
                yield return step.Finding(LintRules.RenameTable,
                    $"renames table {step.Describe(rename.Name)} to {rename.NewName}: code still running against {rename.Name} fails from the moment it commits. "
                    + $"Instead create {rename.NewName} beside it (or a view), move the code over, and drop {rename.Name} in a later release.");
                break;
            case RenameColumnOperation rename:
                yield return step.Finding(LintRules.RenameColumn,
                    $"renames column {rename.Table}.{rename.Name} to {rename.NewName}: code still running against {rename.Name} fails from the moment it commits. "
                    + $"Instead add {rename.NewName}, write both and backfill, move the reads, and drop {rename.Name} in a later release.");
                break;
            case DropTableOperation drop:
                yield return step.Finding(LintRules.DropTable,
                    $"drops table {step.Describe(drop.Name)}: every row is lost, and code still using it fails. "
                    + "Instead stop using it in one release, keep a backup, and drop it in a later one.");
                break;
            case DropColumnOperation drop:
                yield return step.Finding(LintRules.DropColumn,
                    $"drops column {drop.Table}.{drop.Name} of {step.Describe(drop.Table)}: its values are lost, and code still reading it fails. "
                    + "Instead stop reading and writing it in one release (remove it from the model), and drop it in a later one.");
                break;
            case CreateIndexOperation { IsUnique: true } index:
                yield return UniqueOnExistingTable(step, $"unique index {index.Name}", index.Table, index.Columns);
                break;
            case AddUniqueConstraintOperation unique:
                yield return UniqueOnExistingTable(step, $"unique constraint {unique.Name}", unique.Table, unique.Columns);
                break;
            case AddColumnOperation { IsNullable: false, DefaultValue: null, DefaultValueSql: null, ComputedColumnSql: null } column:
                yield return step.Finding(LintRules.RequiredColumnWithoutDefault,
                    $"adds NOT NULL column {column.Table}.{column.Name} without a default to existing table {step.Describe(column.Table)}: it fails as soon as the table has a row. "
                    + "Instead add it nullable (or with a default), backfill it, then make it NOT NULL in a later migration.");
                break;
            case AlterColumnOperation { IsNullable: false, OldColumn.IsNullable: true } column:
                yield return step.Finding(LintRules.ColumnMadeRequired,
                    $"makes column {column.Table}.{column.Name} NOT NULL: it fails on any row holding NULL, and the table is scanned under an exclusive lock. "
                    + "Instead backfill the NULLs first and constrain afterwards (on PostgreSQL: a CHECK (… IS NOT NULL) NOT VALID, VALIDATE it, then SET NOT NULL).");
                break;
            case SqlOperation sql:
                yield return step.Finding(LintRules.UnanalysedSql,
                    $"runs SQL the linter cannot analyse ({Preview(sql.Sql)}): review the locks it takes and what it rewrites, "
                    + "and keep it short; prefer EF Core's operations, which the linter checks.");
                break;
        }
    }

    private static LintFinding UniqueOnExistingTable(LintStep step, string what, string table, string[] columns) => step.Finding(
        LintRules.UniqueIndexOnExistingTable,
        $"creates {what} on ({string.Join(", ", columns)}) of existing table {step.Describe(table)}: it fails if rows already repeat a value, and writes wait while it builds. "
        + "Instead find and fix the duplicates first, then create it (on PostgreSQL concurrently: see PG101).");

    private static string Preview(string sql)
    {
        var line = string.Join(' ', sql.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return line.Length <= SqlPreviewLength ? $"\"{line}\"" : $"\"{line[..SqlPreviewLength]}…\"";
    }
}
