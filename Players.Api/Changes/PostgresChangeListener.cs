using Npgsql;
using Players.Api.Infrastructure;
using Players.Data;
using Players.Data.Changes;

namespace Players.Api.Changes;

/// <summary>
/// Listens on the <see cref="ChangeChannel"/> over one dedicated connection outside the pool, for as long as the
/// process runs: another process's notification means the cached list may be stale; the migrator's also clears the
/// pool, so no prepared statement outlives a schema change. On every (re)connect it listens first, then counts a
/// change (whatever happened while it was away), then lets the cache serve again; while it is not listening the
/// cache serves nothing.
/// </summary>
public sealed partial class PostgresChangeListener(
    DatabaseTarget target,
    NpgsqlDataSource dataSource,
    ChangeOrigin origin,
    PlayersApiMetrics metrics,
    ILogger<PostgresChangeListener> logger) : BackgroundService, IPlayerChangeWatch
{
    public static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(200);
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(5);

    /// <summary>How long start-up waits for the first attempt to listen, so that a healthy start serves hits at once.</summary>
    private static readonly TimeSpan StartWait = TimeSpan.FromSeconds(5);

    private readonly TaskCompletionSource _firstAttempt = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _changesSeen;
    private volatile bool _listening;

    public bool IsListening => _listening;

    public long? ChangesSeen() => _listening ? Volatile.Read(ref _changesSeen) : null;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await base.StartAsync(cancellationToken);
        try
        {
            await _firstAttempt.Task.WaitAsync(StartWait, cancellationToken);
        }
        catch (TimeoutException)
        {
            // Still connecting: serve without the cache until the listener is up.
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = FirstRetryDelay;
        var connectedBefore = false;
        var lost = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(ListenerConnectionString());
                connection.Notification += OnNotification;
                await connection.OpenAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {ChangeChannel.Name}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                Interlocked.Increment(ref _changesSeen);
                _listening = true;
                _firstAttempt.TrySetResult();
                if (connectedBefore)
                {
                    metrics.ListenerReconnects.Add(1);
                }

                if (lost)
                {
                    LogListeningAgain(logger, ChangeChannel.Name);
                    lost = false;
                }

                connectedBefore = true;
                delay = FirstRetryDelay;
                while (true)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception) when (exception is NpgsqlException or IOException or TimeoutException)
            {
                _listening = false;
                _firstAttempt.TrySetResult();
                if (!lost)
                {
                    LogNotListening(logger, ChangeChannel.Name, target.Description, exception.Message);
                    lost = true;
                }
            }

            try
            {
                await Task.Delay(delay, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            delay = delay * 2 < MaxRetryDelay ? delay * 2 : MaxRetryDelay;
        }

        _listening = false;
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs notification)
    {
        if (notification.Payload == origin.Payload)
        {
            return;
        }

        Interlocked.Increment(ref _changesSeen);
        metrics.ChangesReceived.Add(1);
        if (notification.Payload == ChangeChannel.SchemaChanged)
        {
            dataSource.Clear();
        }
    }

    private string ListenerConnectionString() => new NpgsqlConnectionStringBuilder(target.ConnectionString)
    {
        ApplicationName = ChangeChannel.ListenerApplicationName,
        Pooling = false,
        Enlist = false,
        KeepAlive = 10,
        Timeout = 5,
    }.ConnectionString;

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Not listening on {Channel} of {Database} ({Reason}): GET /players/ reads the database until the listener is back; retrying.")]
    private static partial void LogNotListening(ILogger logger, string channel, string database, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening on {Channel} again: GET /players/ may be served from the cache.")]
    private static partial void LogListeningAgain(ILogger logger, string channel);
}
