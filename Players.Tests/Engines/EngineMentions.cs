using System.Text.RegularExpressions;
using Players.Tests.Infrastructure;

namespace Players.Tests.Engines;

/// <summary>
/// Where <c>Players.Data/Migrating</c> names an engine outside the engine seam (docs/adr/0013-an-engine-seam-in-the-migrator.md):
/// any word containing npgsql, sqlite or postgres in any case (types, members, namespaces, strings), <c>.ProviderName</c>
/// and <c>DatabaseEngine.&lt;member&gt;</c>, in code with its comments left out. The seam is every file under
/// <c>Engines/</c> and every file whose path names an engine.
/// </summary>
public static partial class EngineMentions
{
    public static string MigratingFolder { get; } = RepositoryFiles.PathOf("Players.Data", "Migrating");

    /// <summary>One line per mention: the file relative to <c>Migrating/</c>, the line and the word.</summary>
    public static IReadOnlyList<string> OutsideTheSeam() =>
    [
        .. Directory.EnumerateFiles(MigratingFolder, "*.cs", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(MigratingFolder, file).Replace('\\', '/'))
            .Where(relative => !IsSeam(relative))
            .Order(StringComparer.Ordinal)
            .SelectMany(relative => In(relative, File.ReadAllText(Path.Combine(MigratingFolder, relative)))),
    ];

    public static bool IsSeam(string relativePath) =>
        relativePath.StartsWith("Engines/", StringComparison.Ordinal) || EngineName().IsMatch(relativePath);

    public static IEnumerable<string> In(string file, string source)
    {
        var code = WithoutComments(source);
        return Mention().Matches(code).Select(match => $"{file}:{LineOf(code, match.Index)}: {match.Value}");
    }

    // A string literal is kept whole, so that "//" inside one starts no comment; a comment becomes blank lines.
    private static string WithoutComments(string source) => CommentOrString().Replace(
        source,
        match => match.Value.StartsWith('"') ? match.Value : new string('\n', match.Value.Count(c => c == '\n')));

    private static int LineOf(string text, int index) => text.AsSpan(0, index).Count('\n') + 1;

    [GeneratedRegex(@"\w*(?i:npgsql|sqlite|postgres)\w*|\.ProviderName\b|\bDatabaseEngine\.\w+")]
    private static partial Regex Mention();

    [GeneratedRegex(@"(?i)npgsql|sqlite|postgres")]
    private static partial Regex EngineName();

    [GeneratedRegex(@"""(?:[^""\\\n]|\\.)*""|/\*.*?\*/|//[^\n]*", RegexOptions.Singleline)]
    private static partial Regex CommentOrString();
}
