namespace Players.Data.Migrating.Lint;

/// <summary>
/// Allows one lint rule's findings in the migration it marks, after review: the reason says why the operation is
/// safe here (an empty table, a maintenance window). An allowance without a reason allows nothing.
/// </summary>
/// <example><c>[AllowLint(LintRules.IndexWithoutConcurrently, "players holds 25 rows: the lock lasts microseconds")]</c></example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class AllowLintAttribute(string rule, string reason) : Attribute
{
    /// <summary>The rule allowed, for example <c>PG101</c>.</summary>
    public string Rule { get; } = rule;

    /// <summary>Why the finding is safe in this migration; required.</summary>
    public string Reason { get; } = reason;
}
