namespace Players.Data.Migrating.Lint;

/// <summary>What <c>lint</c> (or the gate before a run) found in the migrations it read, in the order they run.</summary>
public sealed record LintReport(IReadOnlyList<string> MigrationIds, IReadOnlyList<LintFinding> Findings)
{
    public static LintReport Empty { get; } = new([], []);

    /// <summary>The error-level findings no allowance covers.</summary>
    public IReadOnlyList<LintFinding> Refusing => [.. Findings.Where(finding => finding.Refuses)];

    public bool Refuses => Findings.Any(finding => finding.Refuses);

    public IEnumerable<string> Lines() => Findings.Select(finding => finding.Line);

    /// <summary>One line for logs and the dashboard: how many migrations, and what was found.</summary>
    public string Summary(string engine)
    {
        var refusing = Refusing.Count;
        var warnings = Findings.Count(finding => finding.Severity == LintSeverity.Warning && !finding.Allowed);
        var allowed = Findings.Count(finding => finding.Allowed);
        return $"Linted {MigrationIds.Count} migration(s) for {engine}: {refusing} error(s) not allowed, {warnings} warning(s), {allowed} allowed.";
    }
}
