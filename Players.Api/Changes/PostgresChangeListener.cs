using Npgsql;
using Players.Api.Infrastructure;
using Players.Data;
using Players.Data.Changes;

namespace Players.Api.Changes;

/// <summary>
/// Listens on the <see cref="ChangeChannel"/> over one dedicated connection outside the pool, for as long as the
/// process runs: another process's notification means the cached list may be stale; the migrator's also clears the
/// pool, so no prepared statement outlives a schema change. Being connected proves nothing (behind a pooler in
/// transaction mode LISTEN succeeds and nothing ever arrives), so the channel counts as hearing only while this
/// process's own heartbeat (<see cref="ChangeChannelHeartbeat"/>) came back within <see cref="ChangeChannelSettings.SilenceLimit"/>:
/// from start until the first one, and after that much silence, the cache serves nothing. Whenever hearing begins
/// again a change is counted (whatever happened meanwhile), so no list read before it is served after it.
/// </summary>
public sealed partial class PostgresChangeListener(
    DatabaseTarget target,
    NpgsqlDataSource dataSource,
    ChangeOrigin origin,
    ChangeChannelSettings settings,
    ChangeChannelHeartbeat heartbeat,
    TimeProvider time,
    PlayersApiMetrics metrics,
    ILogger<PostgresChangeListener> logger) : BackgroundService, IPlayerChangeWatch
{
    public static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(200);
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(5);

    /// <summary>How long start-up waits to hear the first heartbeat, so that a healthy start serves hits at once.</summary>
    private static readonly TimeSpan StartWait = TimeSpan.FromSeconds(5);

    private readonly TaskCompletionSource _firstOutcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _changesSeen;

    // TimeProvider timestamp of the last heartbeat of this process heard on the current connection; 0 for none.
    private long _lastHeartbeat;
    private volatile bool _listening;

    public bool IsListening => _listening;

    /// <summary>How long ago this process last heard its own heartbeat on the current connection; null if not yet.</summary>
    public TimeSpan? SinceLastHeartbeat => Volatile.Read(ref _lastHeartbeat) is var last and not 0 ? time.GetElapsedTime(last) : null;

    public bool IsHearing => _listening && SinceLastHeartbeat <= settings.SilenceLimit;

    public long? ChangesSeen() => IsHearing ? Volatile.Read(ref _changesSeen) : null;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await base.StartAsync(cancellationToken);
        try
        {
            await _firstOutcome.Task.WaitAsync(StartWait, cancellationToken);
        }
        catch (TimeoutException)
        {
            // Not hearing yet: serve without the cache until the first heartbeat comes back.
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
                await using var connection = new NpgsqlConnection(settings.ListenConnectionString);
                connection.Notification += OnNotification;
                await connection.OpenAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {ChangeChannel.Name}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                Volatile.Write(ref _lastHeartbeat, 0);
                _listening = true;
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
                // Prove it hears now rather than at the next tick, so that a start or a reconnect serves hits soon.
                await heartbeat.SendAsync(stoppingToken);
                await WaitWhileConnectedAsync(connection, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception) when (exception is NpgsqlException or IOException or TimeoutException)
            {
                _listening = false;
                _firstOutcome.TrySetResult();
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

    /// <summary>Delivers notifications until the connection breaks, saying once per silence that none of its heartbeats came back.</summary>
    private async Task WaitWhileConnectedAsync(NpgsqlConnection connection, CancellationToken stoppingToken)
    {
        var silent = false;
        var listeningSince = time.GetTimestamp();
        while (true)
        {
            await connection.WaitAsync(settings.HeartbeatInterval, stoppingToken);
            var unheardFor = SinceLastHeartbeat ?? time.GetElapsedTime(listeningSince);
            if (!silent && unheardFor > settings.SilenceLimit)
            {
                LogSilent(logger, ChangeChannel.Name, unheardFor.TotalSeconds);
                silent = true;
            }
            else if (unheardFor <= settings.SilenceLimit)
            {
                silent = false;
            }
        }
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs notification)
    {
        if (notification.Payload == origin.HeartbeatPayload)
        {
            OnOwnHeartbeat();
            return;
        }

        // Another process's heartbeat is not a change; nor is this process's own write, which already dropped its list.
        if (notification.Payload == origin.Payload || ChangeOrigin.IsHeartbeat(notification.Payload))
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

    private void OnOwnHeartbeat()
    {
        if (!IsHearing)
        {
            // Counted before the heartbeat is recorded: a reader that sees the channel hearing again sees the new count.
            Interlocked.Increment(ref _changesSeen);
            if (SinceLastHeartbeat is not null)
            {
                LogHearingAgain(logger, ChangeChannel.Name);
            }
        }

        Volatile.Write(ref _lastHeartbeat, time.GetTimestamp());
        _firstOutcome.TrySetResult();
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Not listening on {Channel} of {Database} ({Reason}): GET /players/ reads the database until the listener is back; retrying.")]
    private static partial void LogNotListening(ILogger logger, string channel, string database, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening on {Channel} again: GET /players/ may be served from the cache once a heartbeat comes back.")]
    private static partial void LogListeningAgain(ILogger logger, string channel);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Listening on {Channel}, but no heartbeat of this process came back for {Seconds:0.0} s: GET /players/ reads the database until one does (behind a pooler in transaction mode, set Players:Changes:ListenConnectionString to a direct server).")]
    private static partial void LogSilent(ILogger logger, string channel, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Hearing {Channel} again: GET /players/ may be served from the cache.")]
    private static partial void LogHearingAgain(ILogger logger, string channel);
}
