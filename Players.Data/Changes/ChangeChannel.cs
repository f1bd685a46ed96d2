namespace Players.Data.Changes;

/// <summary>
/// The PostgreSQL channel on which every writer of the players (API processes, the migration worker) announces a
/// committed change, so that every API process drops its cached list. The payload says who changed what.
/// </summary>
public static class ChangeChannel
{
    public const string Name = "players_changes";

    /// <summary>
    /// An API process changed rows of <c>players</c>; the payload is this followed by <c>:</c> and the sender's
    /// origin, so that a process can pass over its own announcements.
    /// </summary>
    public const string PlayersChanged = "players";

    /// <summary>
    /// A migration was applied or reverted (sent by its history script on every path that migrates): the schema, and
    /// with it any prepared statement, may be gone.
    /// </summary>
    public const string SchemaChanged = "migrations";

    /// <summary>
    /// An API process proving that its listener hears: the payload is this followed by <c>:</c> and the sender's
    /// origin. Not a change: every other process passes over it.
    /// </summary>
    public const string Heartbeat = "heartbeat";

    public const string ListenerApplicationName = "players-listener";

    /// <summary>The statement that announces a change; inside a transaction it is delivered only if that commits.</summary>
    public static string NotifySql(string payload) => $"NOTIFY {Name}, '{payload}'";
}
