using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Players.Data.Migrating.Lint;

namespace Players.Data.Migrating.Engines.Sqlite;

/// <summary>
/// SQLite's rule: an operation SQLite cannot <c>ALTER</c> makes EF rebuild the table (SL101, a warning). EF's own SQL
/// generator decides, against the model EF's migrator would give it, so the rule knows what EF will do.
/// </summary>
internal static class SqliteLintRules
{
    /// <summary>The prefix of the copy EF builds when it rebuilds a table.</summary>
    private const string RebuildTablePrefix = "\"ef_temp_";

    public static IEnumerable<LintFinding> Check(LintStep step, MigrationOperation operation)
    {
        if (!MayRebuild(operation))
        {
            yield break;
        }

        var table = ((ITableMigrationOperation)operation).Table;
        var kind = operation.GetType().Name.Replace("Operation", "", StringComparison.Ordinal);
        switch (Rebuilds(step, operation))
        {
            case null:
                yield return step.Finding(LintRules.SqliteTableRebuild,
                    $"needs a rebuild of table {step.Describe(table)} on SQLite for this {kind}, which EF builds from the migration's target model, and this migration has none (no designer file): it fails on SQLite. "
                    + "Instead create the migration with dotnet ef migrations add, which writes the designer file.");
                break;
            case true:
                yield return step.Finding(LintRules.SqliteTableRebuild,
                    $"makes EF rebuild table {step.Describe(table)} on SQLite for this {kind}: every row is copied into ef_temp_{table} while the migration holds the database's write lock. "
                    + "Run it when the table is small or writes can wait; on PostgreSQL the same change is an ALTER.");
                break;
        }
    }

    /// <summary>Whether EF's SQL for the operation rebuilds its table; null when EF would need a model to rebuild it and has none.</summary>
    private static bool? Rebuilds(LintStep step, MigrationOperation operation)
    {
        try
        {
            return step.Offline.GetService<IMigrationsSqlGenerator>().Generate([operation], step.Model)
                .Any(command => command.CommandText.Contains(RebuildTablePrefix, StringComparison.Ordinal));
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }

    private static bool MayRebuild(MigrationOperation operation) => operation is ColumnOperation or DropColumnOperation or RenameColumnOperation
        or AddPrimaryKeyOperation or DropPrimaryKeyOperation or AddForeignKeyOperation or DropForeignKeyOperation
        or AddUniqueConstraintOperation or DropUniqueConstraintOperation or AddCheckConstraintOperation or DropCheckConstraintOperation;
}
