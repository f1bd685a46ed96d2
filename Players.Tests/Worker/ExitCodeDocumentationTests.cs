using System.Globalization;
using System.Text.RegularExpressions;
using Players.Contracts;
using Players.Tests.Infrastructure;

namespace Players.Tests.Worker;

/// <summary>Scripts and operators read the worker's exit codes from docs/migrations.md: the table and the worker must agree.</summary>
[Trait("Tier", "Fast")]
public sealed partial class ExitCodeDocumentationTests
{
    [Fact]
    public void The_documented_exit_code_table_gives_each_code_the_worker_defines_its_meaning()
    {
        var readme = File.ReadAllText(RepositoryFiles.PathOf("docs", "migrations.md"));
        var start = readme.IndexOf("### Output and exit codes", StringComparison.Ordinal);
        var section = readme[start..readme.IndexOf("\n### ", start + 1, StringComparison.Ordinal)];

        var rows = TableRow().Matches(section).ToDictionary(
            row => int.Parse(row.Groups["code"].Value, CultureInfo.InvariantCulture), row => row.Groups["meaning"].Value);

        Assert.Equal(
            [WorkerExitCodes.Success, WorkerExitCodes.Failure, WorkerExitCodes.UsageError, WorkerExitCodes.Drift, WorkerExitCodes.SchemaDifferences, WorkerExitCodes.LintRefused],
            rows.Keys);
        Assert.Equal([0, 1, 2, 3, 4, 5], rows.Keys);
        Assert.Contains("done", rows[WorkerExitCodes.Success], StringComparison.Ordinal);
        Assert.Contains("could not complete", rows[WorkerExitCodes.Failure], StringComparison.Ordinal);
        Assert.Contains("usage or configuration", rows[WorkerExitCodes.UsageError], StringComparison.Ordinal);
        Assert.Contains("checksum drift", rows[WorkerExitCodes.Drift], StringComparison.Ordinal);
        Assert.Contains("`check` found differences", rows[WorkerExitCodes.SchemaDifferences], StringComparison.Ordinal);
        Assert.Contains("`lint` found an error-level finding", rows[WorkerExitCodes.LintRefused], StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^\| (?<code>\d) \| (?<meaning>.+) \|$", RegexOptions.Multiline)]
    private static partial Regex TableRow();
}
