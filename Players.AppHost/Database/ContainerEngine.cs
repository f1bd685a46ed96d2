using System.Diagnostics;
using Microsoft.Extensions.Configuration;

namespace Players.AppHost.Database;

/// <summary>Whether a container engine answers: <c>docker info</c> or <c>podman info</c> exits 0 within 5 s.</summary>
internal static class ContainerEngine
{
    /// <summary><c>false</c> skips the probe: <c>auto</c> then assumes no engine, <c>container</c> assumes one.</summary>
    public const string ProbeKey = "Players:Postgres:ContainerProbe";

    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    public static bool ProbeEnabled(IConfiguration configuration) => configuration.GetValue(ProbeKey, defaultValue: true);

    /// <summary>A <c>docker</c> client with no engine behind it is common, and is not a container runtime.</summary>
    public static bool Answers() => Answers("docker") || Answers("podman");

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
            if (!process.WaitForExit(ProbeTimeout))
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
