using Npgsql;
using Players.Api.Database;
using Players.Data;
using Players.Data.Changes;

namespace Players.Api.Changes;

/// <summary>
/// How this process listens on the change channel and proves that it hears: the listener's connection string, and
/// how often a heartbeat is sent. Silence for <see cref="SilentIntervals"/> intervals counts as not hearing.
/// </summary>
public sealed record ChangeChannelSettings(string ListenConnectionString, TimeSpan HeartbeatInterval)
{
    /// <summary>The listener's own connection string (a direct server, past a pooler); the API's own when unset.</summary>
    public const string ListenConnectionStringKey = "Players:Changes:ListenConnectionString";

    public const string HeartbeatIntervalKey = "Players:Changes:HeartbeatIntervalMilliseconds";

    public const int DefaultHeartbeatMilliseconds = 2000;

    /// <summary>Three silent intervals must stay within 15 s, the longest a missed change may go unnoticed.</summary>
    public const int MaxHeartbeatMilliseconds = 5000;

    public const int SilentIntervals = 3;

    /// <summary>How long without a heartbeat of its own before the process stops trusting its cached list.</summary>
    public TimeSpan SilenceLimit => HeartbeatInterval * SilentIntervals;

    /// <exception cref="DatabaseConfigurationException">A setting is malformed.</exception>
    public static ChangeChannelSettings From(IConfiguration configuration, DatabaseTarget target)
    {
        var interval = WholeNumberSetting.Read(
            configuration, HeartbeatIntervalKey, DefaultHeartbeatMilliseconds, "milliseconds", MaxHeartbeatMilliseconds);
        var listen = configuration[ListenConnectionStringKey];
        return new ChangeChannelSettings(
            ListenerConnectionString(string.IsNullOrWhiteSpace(listen) ? target.ConnectionString : listen),
            TimeSpan.FromMilliseconds(interval));
    }

    /// <summary>One session outside any pool, named so that operators (and tests) can find it; keepalive finds a dead peer.</summary>
    private static string ListenerConnectionString(string connectionString)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException error)
        {
            // The value may hold a password: name the setting and Npgsql's reason, never the value.
            throw new DatabaseConfigurationException($"Invalid {ListenConnectionStringKey}: {error.Message}");
        }

        builder.ApplicationName = ChangeChannel.ListenerApplicationName;
        builder.Pooling = false;
        builder.Enlist = false;
        builder.KeepAlive = 10;
        builder.Timeout = 5;
        return builder.ConnectionString;
    }
}
