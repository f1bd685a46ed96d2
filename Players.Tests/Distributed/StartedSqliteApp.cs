namespace Players.Tests.Distributed;

/// <summary>
/// The app started where no PostgreSQL can be had and <c>Players:Database</c> is unset, so it runs on SQLite after
/// one warning: shared, through <see cref="SqliteAppCollection"/>, by every class that observes or commands an app on
/// SQLite. Whoever changes it leaves it as it found it (at head, the 25 seeded players).
/// </summary>
public sealed class StartedSqliteApp : StartedPlayersApp
{
    public StartedSqliteApp()
        : base(AppHostDatabase.UnsetWithoutPostgres)
    {
    }
}

/// <summary>The classes that share one <see cref="StartedSqliteApp"/>; xunit runs them one after another.</summary>
[CollectionDefinition(Name)]
public sealed class SqliteAppCollection : ICollectionFixture<StartedSqliteApp>
{
    public const string Name = "One app on SQLite";
}
