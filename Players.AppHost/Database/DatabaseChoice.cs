namespace Players.AppHost.Database;

/// <summary>What the players database runs on, decided from configuration before any resource is added.</summary>
internal abstract record DatabaseChoice
{
    private DatabaseChoice()
    {
    }

    /// <summary>Aspire's PostgreSQL container; always the choice in publish mode.</summary>
    public sealed record PostgresContainer : DatabaseChoice;

    /// <summary>PostgreSQL run from the installed server binaries in <paramref name="BinDirectory"/>.</summary>
    public sealed record PostgresBinaries(string BinDirectory) : DatabaseChoice;

    /// <summary>
    /// One SQLite file, at an absolute <paramref name="Path"/>, shared by the worker and the API. <paramref name="Warning"/>
    /// says why when SQLite was not asked for but taken because no PostgreSQL could be had.
    /// </summary>
    public sealed record SqliteFile(string Path, string? Warning) : DatabaseChoice;
}
