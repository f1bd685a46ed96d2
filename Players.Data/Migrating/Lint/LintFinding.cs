namespace Players.Data.Migrating.Lint;

public enum LintSeverity
{
    /// <summary>Refuses the migration (exit 5) unless an <see cref="AllowLintAttribute"/> allows it.</summary>
    Error,

    /// <summary>Reported for review; never refuses.</summary>
    Warning,
}

/// <summary>
/// One thing a migration does that can hurt a live database: the rule, what the operation does and why it hurts,
/// and the safe alternative. <see cref="AllowedBecause"/> is the reason of the <see cref="AllowLintAttribute"/> that allows it.
/// </summary>
public sealed record LintFinding(string MigrationId, string Rule, LintSeverity Severity, string Message, string? AllowedBecause = null)
{
    public bool Allowed => AllowedBecause is not null;

    /// <summary>An error-level finding no allowance covers: it refuses the run.</summary>
    public bool Refuses => Severity == LintSeverity.Error && !Allowed;

    public string SeverityName => Severity == LintSeverity.Error ? "error" : "warning";

    /// <summary><c>&lt;migration id&gt; &lt;RULE&gt; &lt;error|warning&gt; &lt;message&gt;</c>, and the allowance when there is one.</summary>
    public string Line => $"{MigrationId} {Rule} {SeverityName} {Message}" + (Allowed ? $" Allowed: {AllowedBecause}" : "");
}
