using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Players.Tests.Infrastructure;

namespace Players.Tests.Engines;

/// <summary>
/// Where <c>Players.Data/Migrating</c> names an engine in code outside the engine seam
/// (docs/adr/0013-an-engine-seam-in-the-migrator.md): an identifier containing npgsql, sqlite or postgres in any case
/// (<c>IsNpgsql</c>, <c>SqliteConnection</c>, <c>PostgresRunLock</c>, a <c>using Npgsql</c>), <c>ProviderName</c>, and
/// <c>DatabaseEngine.&lt;member&gt;</c>. Comments and the text of strings are not code. The seam is every file under
/// <c>Engines/</c> and every file whose path names an engine.
/// </summary>
public static class EngineMentions
{
    private static readonly string[] EngineNames = ["npgsql", "sqlite", "postgres"];

    public static string MigratingFolder { get; } = RepositoryFiles.PathOf("Players.Data", "Migrating");

    /// <summary>One line per mention: the file relative to <c>Migrating/</c>, the line and what names the engine.</summary>
    public static IReadOnlyList<string> OutsideTheSeam() =>
    [
        .. Directory.EnumerateFiles(MigratingFolder, "*.cs", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(MigratingFolder, file).Replace('\\', '/'))
            .Where(relative => !IsSeam(relative))
            .Order(StringComparer.Ordinal)
            .SelectMany(relative => In(relative, File.ReadAllText(Path.Combine(MigratingFolder, relative)))),
    ];

    public static bool IsSeam(string relativePath) =>
        relativePath.StartsWith("Engines/", StringComparison.Ordinal) || NamesAnEngine(relativePath);

    public static IEnumerable<string> In(string file, string source) =>
        CSharpSyntaxTree.ParseText(source).GetRoot().DescendantTokens()
            .Where(token => token.IsKind(SyntaxKind.IdentifierToken) && IsMention(token))
            .Select(token => $"{file}:{token.GetLocation().GetLineSpan().StartLinePosition.Line + 1}: {Text(token)}");

    // DatabaseEngine.PostgreSql is one mention, counted at DatabaseEngine.
    private static bool IsMention(SyntaxToken identifier) =>
        IsEngineMember(identifier)
        || (!IsEngineMember(identifier.GetPreviousToken().GetPreviousToken()) && NamesAnEngine(identifier.Text))
        || identifier.Text == "ProviderName";

    private static bool IsEngineMember(SyntaxToken token) =>
        token.Text == "DatabaseEngine" && token.GetNextToken().IsKind(SyntaxKind.DotToken);

    private static string Text(SyntaxToken identifier) => identifier.Text == "DatabaseEngine"
        ? $"DatabaseEngine.{identifier.GetNextToken().GetNextToken().Text}"
        : identifier.Text;

    private static bool NamesAnEngine(string text) =>
        EngineNames.Any(name => text.Contains(name, StringComparison.OrdinalIgnoreCase));
}
