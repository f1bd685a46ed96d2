namespace Players.Data.Migrating.Lint;

/// <summary>
/// The rules, with the IDs users know from Atlas's analyzers and squawk where one exists. Every rule is an error
/// except <see cref="UnanalysedSql"/> and <see cref="SqliteTableRebuild"/>, which are warnings.
/// </summary>
public static class LintRules
{
    /// <summary>BC101: a table renamed; code still running against the old name fails.</summary>
    public const string RenameTable = "BC101";

    /// <summary>BC102: a column renamed; code still running against the old name fails.</summary>
    public const string RenameColumn = "BC102";

    /// <summary>DS102: a table dropped, with its rows.</summary>
    public const string DropTable = "DS102";

    /// <summary>DS103: a column dropped, with its values.</summary>
    public const string DropColumn = "DS103";

    /// <summary>MF101: a unique index (or constraint) on an existing table: fails on rows that repeat a value.</summary>
    public const string UniqueIndexOnExistingTable = "MF101";

    /// <summary>MF103: a NOT NULL column without a default added to an existing table: fails when it has rows.</summary>
    public const string RequiredColumnWithoutDefault = "MF103";

    /// <summary>MF104: a column made NOT NULL: fails on rows holding NULL.</summary>
    public const string ColumnMadeRequired = "MF104";

    /// <summary>PG101 (PostgreSQL): an index on an existing table built without <c>CONCURRENTLY</c> blocks its writes.</summary>
    public const string IndexWithoutConcurrently = "PG101";

    /// <summary>PG301 (PostgreSQL): a column type change that rewrites the table under an exclusive lock.</summary>
    public const string ColumnTypeChange = "PG301";

    /// <summary>RS101, a warning: <c>Sql()</c> text, which the linter cannot analyse.</summary>
    public const string UnanalysedSql = "RS101";

    /// <summary>SL101 (SQLite), a warning: EF rebuilds the table, copying every row.</summary>
    public const string SqliteTableRebuild = "SL101";

    public static LintSeverity SeverityOf(string rule) =>
        rule is UnanalysedSql or SqliteTableRebuild ? LintSeverity.Warning : LintSeverity.Error;
}
