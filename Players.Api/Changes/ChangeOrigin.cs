using Players.Data.Changes;

namespace Players.Api.Changes;

/// <summary>
/// This process on the change channel, by a nonce of its own: its writes announce themselves with <see cref="Payload"/>,
/// and its listener passes over that payload, since the write already dropped this process's cached list before it
/// answered; its heartbeats carry <see cref="HeartbeatPayload"/>, which only this process's listener counts.
/// </summary>
public sealed class ChangeOrigin
{
    public ChangeOrigin()
    {
        var nonce = Guid.NewGuid().ToString("N");
        Payload = $"{ChangeChannel.PlayersChanged}:{nonce}";
        HeartbeatPayload = $"{ChangeChannel.Heartbeat}:{nonce}";
    }

    public string Payload { get; }

    public string HeartbeatPayload { get; }

    /// <summary>Whether <paramref name="payload"/> is a heartbeat, of this process or another.</summary>
    public static bool IsHeartbeat(string payload) => payload.StartsWith($"{ChangeChannel.Heartbeat}:", StringComparison.Ordinal);
}
