namespace Players.Data.Migrating.Lint;

/// <summary>
/// A migration about to run has an error-level lint finding that no <see cref="AllowLintAttribute"/> allows. Nothing
/// was changed (the worker exits 5 and logs each finding, the API refuses to start).
/// </summary>
public sealed class MigrationLintException(LintReport report) : Exception(Describe(report))
{
    public LintReport Report => report;

    private static string Describe(LintReport report) =>
        "Lint refused " + string.Join("; ", report.Refusing.Select(finding => $"{finding.MigrationId} ({finding.Rule})"))
        + ". Nothing was changed. Make the migration safe (docs/migrations.md, \"Writing a safe migration\"), or after review allow it with [AllowLint(\"RULE\", \"why\")] on the migration class.";
}
