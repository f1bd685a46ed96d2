namespace Players.Tests.Infrastructure;

/// <summary>Makes the process's local time zone the given one (as TZ does at start-up) until disposed.</summary>
public sealed class LocalTimeZone : IDisposable
{
    private readonly string? _previous = Environment.GetEnvironmentVariable("TZ");

    public LocalTimeZone(string zone)
    {
        Environment.SetEnvironmentVariable("TZ", zone);
        TimeZoneInfo.ClearCachedData();
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("TZ", _previous);
        TimeZoneInfo.ClearCachedData();
    }
}
