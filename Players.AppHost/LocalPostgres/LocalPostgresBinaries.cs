namespace Players.AppHost.LocalPostgres;

/// <summary>
/// Finds the PostgreSQL server binaries (<c>initdb</c> and <c>postgres</c>): in the folder given when there is
/// one, else the newest of Debian's and Ubuntu's /usr/lib/postgresql/N/bin.
/// </summary>
internal static class LocalPostgresBinaries
{
    private const string Root = "/usr/lib/postgresql";
    private const string DefaultSearch = Root + "/*/bin";

    /// <param name="configuredDirectory">An absolute folder to look in instead of the default search, or null.</param>
    public static string? Find(string? configuredDirectory)
    {
        if (configuredDirectory is not null)
        {
            return HoldsServer(configuredDirectory) ? configuredDirectory : null;
        }

        return Directory.Exists(Root)
            ? Directory.GetDirectories(Root)
                .Select(version => Path.Combine(version, "bin"))
                .Where(HoldsServer)
                .OrderByDescending(bin => int.TryParse(MajorVersion(bin), out var major) ? major : 0)
                .FirstOrDefault()
            : null;
    }

    /// <summary>Where <see cref="Find"/> looks, for messages.</summary>
    public static string SearchedIn(string? configuredDirectory) => configuredDirectory ?? DefaultSearch;

    /// <summary>The name of the folder above <c>bin</c>: the major version in Debian's layout, e.g. <c>15</c>.</summary>
    public static string MajorVersion(string binDirectory) =>
        Path.GetFileName(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(binDirectory))) ?? "unknown";

    private static bool HoldsServer(string bin) =>
        File.Exists(Path.Combine(bin, "initdb")) && File.Exists(Path.Combine(bin, "postgres"));
}
