using System.Text.RegularExpressions;
using Players.Tests.Infrastructure;

namespace Players.Tests.Documentation;

/// <summary>A newcomer goes from the README to any manual in one click: every relative link resolves, anchors included.</summary>
[Trait("Tier", "Fast")]
public sealed partial class DocumentationLinkTests
{
    public static TheoryData<string> Pages()
    {
        var pages = new TheoryData<string> { "README.md" };
        foreach (var folder in new[] { "docs", "bench" })
        {
            var option = folder == "docs" ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly;
            foreach (var page in Directory.EnumerateFiles(RepositoryFiles.PathOf(folder), "*.md", option).Order(StringComparer.Ordinal))
            {
                pages.Add(Path.GetRelativePath(RepositoryFiles.Root, page).Replace('\\', '/'));
            }
        }

        return pages;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void Every_relative_link_resolves_to_a_file_and_its_heading(string page)
    {
        var path = RepositoryFiles.PathOf(page);
        var broken = new List<string>();
        foreach (Match link in Link().Matches(Prose(File.ReadAllText(path))))
        {
            var href = link.Groups["href"].Value;
            if (Scheme().IsMatch(href))
            {
                continue;
            }

            var (file, anchor) = href.IndexOf('#') is var hash and >= 0 ? (href[..hash], href[(hash + 1)..]) : (href, "");
            var target = file.Length == 0 ? path : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, file));
            if (!File.Exists(target) && !Directory.Exists(target))
            {
                broken.Add($"{href}: no such file");
            }
            else if (anchor.Length > 0 && target.EndsWith(".md", StringComparison.Ordinal) && !Anchors(target).Contains(anchor))
            {
                broken.Add($"{href}: no such heading");
            }
        }

        Assert.True(broken.Count == 0, $"{page} has broken links:\n{string.Join('\n', broken)}");
    }

    [Fact]
    public void The_readme_is_read_in_five_minutes()
    {
        var lines = File.ReadAllLines(RepositoryFiles.PathOf("README.md")).Length;
        Assert.True(lines <= 200, $"README.md has {lines} lines; the manuals in docs/ hold the detail (at most 200).");
    }

    /// <summary>The text outside code blocks and code spans: a link inside code is not a link.</summary>
    private static string Prose(string markdown) => CodeSpan().Replace(CodeBlock().Replace(markdown, ""), "");

    /// <summary>The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces as hyphens, repeats numbered.</summary>
    private static HashSet<string> Anchors(string page)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (Match heading in Heading().Matches(CodeBlock().Replace(File.ReadAllText(page), "")))
        {
            var slug = NotInSlug().Replace(heading.Groups["text"].Value.Trim().ToLowerInvariant(), "").Replace(' ', '-');
            var repeat = seen.GetValueOrDefault(slug);
            seen[slug] = repeat + 1;
            anchors.Add(repeat == 0 ? slug : $"{slug}-{repeat}");
        }

        return anchors;
    }

    [GeneratedRegex(@"\]\((?<href>[^)\s]+)\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"^[a-z][a-z0-9+.-]*:", RegexOptions.IgnoreCase)]
    private static partial Regex Scheme();

    [GeneratedRegex(@"^[ \t]*```.*?^[ \t]*```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex CodeBlock();

    [GeneratedRegex(@"`[^`\n]*`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"^#{1,6} (?<text>.+)$", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [GeneratedRegex(@"[^\p{L}\p{N}_\- ]")]
    private static partial Regex NotInSlug();
}
