using System.Text.Json;

namespace Players.Contracts;

/// <summary>One finding as <c>lint --json</c> prints it, in an array (DESIGN's contract).</summary>
/// <param name="Severity"><c>error</c> or <c>warning</c>.</param>
/// <param name="Allowed">True when an <c>[AllowLint]</c> on the migration allows it, with a reason.</param>
public sealed record LintDocument(string Migration, string Rule, string Severity, string Message, bool Allowed)
{
    public static string ToJson(IReadOnlyList<LintDocument> findings) =>
        JsonSerializer.Serialize(findings, WorkerJsonContext.Default.IReadOnlyListLintDocument);

    public static IReadOnlyList<LintDocument>? Parse(string json) => JsonSerializer.Deserialize(json, WorkerJsonContext.Default.IReadOnlyListLintDocument);
}
