namespace Players.Tests.Infrastructure;

/// <summary>Files of this repository, found from the test assembly's folder upwards.</summary>
public static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Players.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"Players.sln was not found above {AppContext.BaseDirectory}.");
    }
}
