namespace Players.Tests.Distributed;

/// <summary>
/// A throwaway PostgreSQL data directory for one app (or two starts of one app), removed when disposed. Its parent
/// is left enterable by others, because as root the server runs as the postgres user.
/// </summary>
public sealed class TemporaryDataDirectory : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("players-apphost-");

    public TemporaryDataDirectory()
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_root.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }
    }

    public string Path => System.IO.Path.Combine(_root.FullName, "data");

    public void Dispose()
    {
        try
        {
            _root.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A server that is still shutting down may write one last file; the temp folder is cleaned anyway.
        }
    }
}
