namespace Players.AppHost.LocalPostgres;

/// <summary>Where the local server keeps its data when it is given no folder: a persistent default.</summary>
internal static class LocalPostgresDataDirectory
{
    /// <summary>
    /// The default lives in /var/tmp (kept across reboots) rather than under the home folder or the repository,
    /// because as root the server runs as the postgres user, which cannot enter /root. One folder per user and
    /// major version, since a data directory only opens with the major version that created it.
    /// </summary>
    public static string Default(string binDirectory) =>
        Path.Combine("/var/tmp", $"players-postgres-{Environment.UserName}", LocalPostgresBinaries.MajorVersion(binDirectory));
}
