using Microsoft.Playwright;

namespace Players.Tests.Dashboard;

/// <summary>Debian's Chromium driven by Playwright's bundled driver: no browser download, ever.</summary>
public static class HeadlessChromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static async Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"The dashboard check needs Chromium at {ExecutablePath}. Install it (Debian: apt-get install chromium); "
                + ".ci/run installs it when missing.");
        }

        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Timeout = 60_000,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run",
                // Chromium looks up Google hosts at start even with the flags above; nothing but loopback resolves.
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
            ],
        });
    }
}
