using System.Diagnostics;
using System.Net;

namespace Players.Tests.Infrastructure;

/// <summary>Asks <c>GET /health</c> at an address until it answers 200, the bound passes, or the caller stops waiting.</summary>
public static class HealthProbe
{
    /// <returns>Whether it answered 200 in time.</returns>
    public static async Task<bool> WaitForOkAsync(Uri address, TimeSpan bound, Func<bool>? giveUp = null)
    {
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
        var elapsed = Stopwatch.StartNew();
        while (elapsed.Elapsed < bound && giveUp?.Invoke() != true)
        {
            try
            {
                using var health = await http.GetAsync("/health");
                if (health.StatusCode == HttpStatusCode.OK)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening, but too busy to answer within the request's timeout: ask again while the bound allows.
            }

            await Task.Delay(200);
        }

        return false;
    }
}
