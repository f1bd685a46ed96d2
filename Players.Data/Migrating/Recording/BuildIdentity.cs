using System.Reflection;
using System.Text.RegularExpressions;

namespace Players.Data.Migrating.Recording;

/// <summary>
/// The build that runs a migration, as each run record names it: the assembly's informational version and the commit
/// it was built from. The SDK appends the commit (<c>SourceRevisionId</c>, from the repository's <c>.git</c> at build
/// time) to the informational version after a <c>+</c>; a build from a tree without <c>.git</c> has none, so null.
/// </summary>
public sealed partial record BuildIdentity(string Version, string? Commit)
{
    /// <summary>This build of the migrator and its migrations.</summary>
    public static BuildIdentity Current { get; } = Of(typeof(BuildIdentity).Assembly);

    public static BuildIdentity Of(Assembly assembly) => Parse(
        assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? assembly.GetName().Version?.ToString()
        ?? "0.0.0");

    /// <summary>
    /// <c>1.0.0+67c0af6…</c> → the version as written and the commit; a suffix that is no commit hash
    /// (<c>1.0.0+build.7</c>), or none, gives a null commit.
    /// </summary>
    public static BuildIdentity Parse(string informationalVersion)
    {
        var plus = informationalVersion.IndexOf('+', StringComparison.Ordinal);
        var suffix = plus < 0 ? "" : informationalVersion[(plus + 1)..];
        return new BuildIdentity(informationalVersion, CommitHash().IsMatch(suffix) ? suffix.ToLowerInvariant() : null);
    }

    [GeneratedRegex("^[0-9a-fA-F]{7,64}$")]
    private static partial Regex CommitHash();
}
