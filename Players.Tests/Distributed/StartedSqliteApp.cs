namespace Players.Tests.Distributed;

/// <summary>The same app forced onto SQLite (<c>Players:Database=sqlite</c>).</summary>
public sealed class StartedSqliteApp : StartedPlayersApp
{
    public StartedSqliteApp()
        : base(AppHostDatabase.Sqlite)
    {
    }
}
