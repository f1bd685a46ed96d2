using Aspire.Hosting.Testing;
using Microsoft.Playwright;
using Players.Tests.Distributed;
using Players.Tests.Infrastructure;

namespace Players.Tests.Dashboard;

/// <summary>
/// The Aspire dashboard of a running app, as a person sees it in a browser: the dashboard of the app the PostgreSQL
/// contract tests observe (<see cref="StartedPlayersApp"/>). Screenshots go to bin/…/screenshots, or, with
/// <c>PLAYERS_UPDATE_DOCS_IMAGES=1</c> (docs/images/update.sh), to docs/images for the README and the manuals.
/// </summary>
[Collection(PlayersAppCollection.Name)]
[Trait("Tier", "Browser")]
public sealed class DashboardTests(StartedPlayersApp started)
{
    private static readonly string ScreenshotDirectory = Environment.GetEnvironmentVariable("PLAYERS_UPDATE_DOCS_IMAGES") == "1"
        ? RepositoryFiles.PathOf("docs", "images")
        : Path.Combine(AppContext.BaseDirectory, "screenshots");
    private static readonly TimeSpan PageTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The commands on <c>migrations</c> (docs/operating.md), which scripts and the CLI name.</summary>
    private static readonly string[] MigrationCommands = ["status", "upgrade", "downgrade", "reset", "script", "unlock", "verify", "check", "lint", "history"];

    [Fact]
    public async Task The_dashboard_shows_the_four_resources_the_finished_worker_and_its_migration_trace() =>
        await ShowsResourcesAndMigrationTraceAsync(started, screenshotPrefix: "", ["api", "migrations", "playersdb", "postgres"]);

    /// <summary>What the dashboard of an app started by <paramref name="started"/> shows, asserted.</summary>
    internal static async Task ShowsResourcesAndMigrationTraceAsync(StartedPlayersApp started, string screenshotPrefix, string[] expectedResources)
    {
        var app = started.Host;
        await app.WaitForMigrationsToFinishAsync();
        await app.WaitForHealthyApiAsync();
        var loginUrl = await app.App.GetDashboardUrlAsync().WaitAsync(PlayersAppHost.WaitTimeout);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await HeadlessChromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1600, Height = 900 } });
        page.SetDefaultTimeout((float)PageTimeout.TotalMilliseconds);
        Directory.CreateDirectory(ScreenshotDirectory);
        var prefix = screenshotPrefix;

        await page.GotoAsync(loginUrl.ToString());
        var resources = await WaitForResourceRowsAsync(page, count: expectedResources.Length);
        await ScreenshotAsync(page, $"{prefix}resources.png");
        var migrationsRow = page.Locator("tr.resource-row").Filter(new LocatorFilterOptions { HasText = "migrations" }).First;
        var errorBadges = await migrationsRow.Locator(".unread-logs-errors-link").CountAsync();
        var commands = await CommandMenuAsync(page, migrationsRow);
        await ScreenshotAsync(page, $"{prefix}commands.png");

        // The worker's traces only: on a shared app the API's health checks have filled the list by now.
        await page.GotoAsync(new Uri(loginUrl, "/traces/resource/migrations").ToString());
        var traceShown = await ShowsTextAsync(page, "Migrating database");
        await ScreenshotAsync(page, $"{prefix}traces.png");

        Assert.Equal(expectedResources, resources.Keys.Order());
        Assert.Equal("Finished", resources["migrations"]);
        Assert.True(errorBadges == 0, $"migrations shows an error badge after a clean run (see {ScreenshotDirectory}/{prefix}resources.png).");
        Assert.All(MigrationCommands, name => Assert.Contains(name, commands));
        Assert.True(traceShown, $"The traces page shows no 'Migrating database' trace (see {ScreenshotDirectory}/{prefix}traces.png). "
            + $"Exports not passed on to the dashboard: {string.Join("; ", started.WorkerTelemetry.ForwardFailures)}");
    }

    /// <summary>Name → state of each row of the resources grid, once it has <paramref name="count"/> rows.</summary>
    private static async Task<Dictionary<string, string>> WaitForResourceRowsAsync(IPage page, int count)
    {
        var rows = page.Locator("tr.resource-row");
        var deadline = DateTime.UtcNow + PageTimeout;
        Dictionary<string, string> resources = [];
        while (DateTime.UtcNow < deadline)
        {
            resources = (await rows.AllInnerTextsAsync())
                .Select(row => row.Split(['\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .Where(cells => cells.Length >= 2)
                .ToDictionary(cells => cells[0], cells => cells[1]);
            if (resources.Count >= count && resources.GetValueOrDefault("migrations") == "Finished")
            {
                break;
            }

            await Task.Delay(250);
        }

        return resources;
    }

    /// <summary>The commands a person finds under the row's Actions menu → Commands, by name (display names in lower case).</summary>
    private static async Task<IReadOnlyList<string>> CommandMenuAsync(IPage page, ILocator row)
    {
        await row.Locator("fluent-button[title='Actions']").ClickAsync();
        var commandsItem = page.Locator("fluent-menu-item[title='Commands']").First;
        await commandsItem.HoverAsync();
        var items = commandsItem.Locator("fluent-menu-item");
        await items.First.WaitForAsync();
        return [.. (await items.AllInnerTextsAsync()).Select(text => text.Trim().ToLowerInvariant())];
    }

    private static async Task<bool> ShowsTextAsync(IPage page, string text)
    {
        try
        {
            await page.GetByText(text).First.WaitForAsync();
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name), FullPage = true });
}
