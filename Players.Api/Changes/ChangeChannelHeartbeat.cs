using Npgsql;
using Players.Data.Changes;

namespace Players.Api.Changes;

/// <summary>
/// Sends this process's heartbeat on the change channel every interval, through its pooled connections — the way its
/// writes' notifications travel — never on the listener's own session, whose NOTIFY would come back in-band and prove
/// nothing. Hearing it is the listener's proof that it hears (<see cref="PostgresChangeListener"/>).
/// </summary>
public sealed partial class ChangeChannelHeartbeat(
    NpgsqlDataSource dataSource,
    ChangeOrigin origin,
    ChangeChannelSettings settings,
    ILogger<ChangeChannelHeartbeat> logger) : BackgroundService
{
    private int _failing;

    /// <summary>Sends one heartbeat; a failure is logged once per run of failures, never thrown.</summary>
    public async Task SendAsync(CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(settings.SilenceLimit);
        try
        {
            await using var notify = dataSource.CreateCommand(ChangeChannel.NotifySql(origin.HeartbeatPayload));
            await notify.ExecuteNonQueryAsync(bounded.Token);
            Interlocked.Exchange(ref _failing, 0);
        }
        catch (Exception error) when (!cancellationToken.IsCancellationRequested
                                      && error is NpgsqlException or OperationCanceledException or TimeoutException or IOException)
        {
            if (Interlocked.Exchange(ref _failing, 1) == 0)
            {
                LogNotSent(logger, ChangeChannel.Name, error.Message);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.HeartbeatInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await SendAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Could not send a heartbeat on {Channel} ({Reason}): until one is heard, GET /players/ reads the database.")]
    private static partial void LogNotSent(ILogger logger, string channel, string reason);
}
