using Players.Data.Changes;

namespace Players.Api.Changes;

/// <summary>
/// This process on the change channel: its writes announce themselves with <see cref="Payload"/>, and its listener
/// passes over that payload, since the write already dropped this process's cached list before it answered.
/// </summary>
public sealed class ChangeOrigin
{
    public string Payload { get; } = $"{ChangeChannel.PlayersChanged}:{Guid.NewGuid():N}";
}
