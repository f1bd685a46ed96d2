namespace Players.Tests.Infrastructure;

/// <summary>Finds the installed PostgreSQL server binaries (Debian's <c>postgresql</c> package).</summary>
internal static class PostgresBinaries
{
    public const string InstallHint =
        "PostgreSQL server binaries were not found under /usr/lib/postgresql/*/bin. Install them "
        + "(Debian: apt-get install postgresql), or set PLAYERS_TEST_POSTGRES to the connection string of a server "
        + "where the tests may create databases.";

    public static string Directory { get; } = Find();

    public static string Path(string program) => System.IO.Path.Combine(Directory, program);

    private static string Find()
    {
        const string root = "/usr/lib/postgresql";
        var newest = System.IO.Directory.Exists(root)
            ? System.IO.Directory.GetDirectories(root)
                .Select(version => System.IO.Path.Combine(version, "bin"))
                .Where(bin => File.Exists(System.IO.Path.Combine(bin, "initdb")) && File.Exists(System.IO.Path.Combine(bin, "postgres")))
                .OrderByDescending(bin => int.TryParse(System.IO.Path.GetFileName(System.IO.Path.GetDirectoryName(bin)), out var major) ? major : 0)
                .FirstOrDefault()
            : null;
        return newest ?? throw new InvalidOperationException(InstallHint);
    }
}
