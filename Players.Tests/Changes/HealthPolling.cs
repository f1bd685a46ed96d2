using System.Diagnostics;
using System.Net;

namespace Players.Tests.Changes;

internal static class HealthPolling
{
    /// <summary>
    /// Polls <c>/health</c> until it answers 200 with <paramref name="status"/>; returns the body and how long that
    /// took; fails past <paramref name="bound"/> with the last answer.
    /// </summary>
    public static async Task<(string Body, TimeSpan Elapsed)> UntilHealthAsync(this HttpClient client, string status, TimeSpan bound)
    {
        var elapsed = Stopwatch.StartNew();
        var body = "";
        while (elapsed.Elapsed < bound)
        {
            using var health = await client.GetAsync("/health");
            body = await health.Content.ReadAsStringAsync();
            if (health.StatusCode == HttpStatusCode.OK && body.Contains($"\"status\":\"{status}\"", StringComparison.Ordinal))
            {
                return (body, elapsed.Elapsed);
            }

            await Task.Delay(20);
        }

        Assert.Fail($"/health never answered 200 \"{status}\" within {bound}; last: {body}");
        return (body, elapsed.Elapsed);
    }
}
