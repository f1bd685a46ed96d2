namespace Players.Api.Changes;

/// <summary>
/// Sees the changes other processes (API replicas, the migration worker) make to the players, so that a cached list
/// is served only while no such change can have gone unseen.
/// </summary>
public interface IPlayerChangeWatch
{
    /// <summary>
    /// How many changes this watch has seen so far, looking for new ones first where that needs a look; null while
    /// it cannot see changes at all. A list may be served from the cache only while this value stays the same.
    /// </summary>
    long? ChangesSeen();

    /// <summary>
    /// <see cref="ChangesSeen"/> after a commit of this process's own, counting that commit now if the watch would
    /// otherwise count it later as someone else's change.
    /// </summary>
    long? CatchUp() => ChangesSeen();
}
