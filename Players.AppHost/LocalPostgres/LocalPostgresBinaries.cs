namespace Players.AppHost.LocalPostgres;

/// <summary>Finds the newest installed PostgreSQL server binaries (Debian and Ubuntu: /usr/lib/postgresql/N/bin).</summary>
public static class LocalPostgresBinaries
{
    public const string InstallHint =
        "No container engine answered and no PostgreSQL server binaries were found under /usr/lib/postgresql/*/bin. "
        + "Install PostgreSQL (Debian: apt-get install postgresql) or a container engine (Docker or Podman), "
        + "or force a source with Players:Postgres:Source=container|local.";

    private const string Root = "/usr/lib/postgresql";

    public static string? Find() =>
        Directory.Exists(Root)
            ? Directory.GetDirectories(Root)
                .Where(version => File.Exists(Path.Combine(version, "bin", "initdb")) && File.Exists(Path.Combine(version, "bin", "postgres")))
                .OrderByDescending(version => int.TryParse(Path.GetFileName(version), out var major) ? major : 0)
                .Select(version => Path.Combine(version, "bin"))
                .FirstOrDefault()
            : null;

    /// <summary>The major version of a bin directory found by <see cref="Find"/>, e.g. <c>15</c>.</summary>
    public static string MajorVersion(string binDirectory) =>
        Path.GetFileName(Path.GetDirectoryName(binDirectory)) ?? "unknown";
}
