extern alias AppHost;

using System.Diagnostics;

namespace Players.Tests.Distributed;

/// <summary>The AppHost as built next to these tests, run as its own process exactly as <c>dotnet run</c> would run it.</summary>
public static class BuiltAppHost
{
    public static string ProjectDirectory { get; } =
        AppHost::Projects.Players_AppHost.ProjectPath.EndsWith(".csproj", StringComparison.Ordinal)
            ? Path.GetDirectoryName(AppHost::Projects.Players_AppHost.ProjectPath)!
            : AppHost::Projects.Players_AppHost.ProjectPath;

    public static string RepositoryRoot => Path.GetDirectoryName(ProjectDirectory)!;

    /// <summary>The AppHost assembly of the same configuration and framework as this test assembly.</summary>
    public static string AssemblyPath
    {
        get
        {
            var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var configuration = framework.Parent!.Name;
            return Path.Combine(ProjectDirectory, "bin", configuration, framework.Name, "Players.AppHost.dll");
        }
    }

    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments) =>
        new("dotnet", [AssemblyPath, .. arguments])
        {
            WorkingDirectory = ProjectDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
}
