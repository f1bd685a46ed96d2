namespace Players.Data;

/// <summary>Where the players live: the engine, how to connect, and a description that is safe to print.</summary>
/// <param name="Engine">SQLite or PostgreSQL.</param>
/// <param name="ConnectionString">A provider connection string; may hold a password, so never print it.</param>
/// <param name="Description">The engine and location without any password, for logs and errors.</param>
/// <param name="Source">Which configuration value chose the database.</param>
public sealed record DatabaseTarget(
    DatabaseEngine Engine,
    string ConnectionString,
    string Description,
    DatabaseSource Source)
{
    public override string ToString() => Description;
}

public enum DatabaseSource
{
    /// <summary><c>ConnectionStrings:playersdb</c>, as Aspire injects it.</summary>
    AspireConnectionString,

    /// <summary>The <c>DATABASE_URL</c> setting.</summary>
    DatabaseUrl,

    /// <summary>Neither was set: the SQLite file <c>players-sqlite3.db</c> in the current directory.</summary>
    Default,
}
