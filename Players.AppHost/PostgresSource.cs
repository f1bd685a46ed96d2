using System.Diagnostics;
using Microsoft.Extensions.Configuration;

namespace Players.AppHost;

/// <summary>Where PostgreSQL comes from: <c>Players:Postgres:Source</c> = <c>auto</c> (default), <c>container</c> or <c>local</c>.</summary>
public enum PostgresSource
{
    Container,
    Local,
}

public static class PostgresSourceSelection
{
    public const string ConfigurationKey = "Players:Postgres:Source";

    private static readonly TimeSpan RuntimeProbeTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Publish mode always models a container: an executable would put this machine's paths into the manifest.
    /// <c>auto</c> takes a container only when a container engine answers, since a docker client alone is not one.
    /// </summary>
    public static PostgresSource Choose(IConfiguration configuration, bool isPublishMode)
    {
        if (isPublishMode)
        {
            return PostgresSource.Container;
        }

        var configured = configuration[ConfigurationKey]?.Trim();
        return configured?.ToLowerInvariant() switch
        {
            null or "" or "auto" => ContainerRuntimeAnswers() ? PostgresSource.Container : PostgresSource.Local,
            "container" => PostgresSource.Container,
            "local" => PostgresSource.Local,
            _ => throw new DistributedApplicationException(
                $"{ConfigurationKey} must be auto, container or local; it is '{configured}'."),
        };
    }

    private static bool ContainerRuntimeAnswers() => Answers("docker") || Answers("podman");

    private static bool Answers(string runtime)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(runtime, "info")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (process is null)
            {
                return false;
            }

            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (!process.WaitForExit(RuntimeProbeTimeout))
            {
                process.Kill(entireProcessTree: true);
                return false;
            }

            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // not installed
        }
    }
}
