namespace Players.AppHost.Database;

/// <summary>Where the SQLite file lives: <c>Players:Sqlite:DataDirectory</c>, else a persistent per-user folder.</summary>
internal static class SqliteDataDirectory
{
    public const string FileName = "players.db";

    /// <summary>
    /// The absolute path of the database file. The default folder is the platform's per-user data folder
    /// (~/.local/share on Linux, ~/Library/Application Support on macOS, %LOCALAPPDATA% on Windows): outside the
    /// repository and kept across reboots. A user without one gets the temp folder.
    /// </summary>
    public static string ResolveFile(string? configuredDirectory) => Path.Combine(configuredDirectory ?? DefaultDirectory(), FileName);

    private static string DefaultDirectory()
    {
        var userData = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
        return userData.Length > 0
            ? Path.Combine(userData, "players")
            : Path.Combine(Path.GetTempPath(), $"players-{Environment.UserName}");
    }
}
