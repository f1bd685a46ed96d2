using System.Threading.Channels;
using Npgsql;
using Players.Data.Changes;
using Players.Tests.Infrastructure;

namespace Players.Tests.Changes;

/// <summary>A session that LISTENs on the change channel, as an API process does, and keeps every payload it hears.</summary>
internal sealed class ChannelListener : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly Channel<string> _heard = Channel.CreateUnbounded<string>();
    private readonly CancellationTokenSource _stop = new();
    private Task _pump = Task.CompletedTask;

    private ChannelListener(NpgsqlConnection connection) => _connection = connection;

    public static async Task<ChannelListener> StartAsync(TestDatabase database)
    {
        var connection = new NpgsqlConnection(database.Target.ConnectionString + ";Pooling=false");
        var listener = new ChannelListener(connection);
        connection.Notification += (_, notification) => listener._heard.Writer.TryWrite(notification.Payload);
        await connection.OpenAsync();
        await using (var listen = new NpgsqlCommand($"LISTEN {ChangeChannel.Name}", connection))
        {
            await listen.ExecuteNonQueryAsync();
        }

        listener._pump = listener.PumpAsync();
        return listener;
    }

    /// <summary>Waits for the next payload, failing after <paramref name="bound"/>.</summary>
    public async Task<string> NextAsync(TimeSpan bound)
    {
        using var timeout = new CancellationTokenSource(bound);
        return await _heard.Reader.ReadAsync(timeout.Token);
    }

    /// <summary>Every payload heard so far, after a pause long enough for any notification already sent to arrive.</summary>
    public async Task<IReadOnlyList<string>> HeardAsync(TimeSpan settle)
    {
        await Task.Delay(settle);
        var heard = new List<string>();
        while (_heard.Reader.TryRead(out var payload))
        {
            heard.Add(payload);
        }

        return heard;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _pump;
        }
        catch (OperationCanceledException)
        {
        }

        await _connection.DisposeAsync();
        _stop.Dispose();
    }

    private async Task PumpAsync()
    {
        while (true)
        {
            await _connection.WaitAsync(_stop.Token);
        }
    }
}
