namespace Players.AppHost.Database;

/// <summary>The players database as the services reach it: PostgreSQL's <c>playersdb</c>, or one SQLite file.</summary>
internal sealed class PlayersDatabase
{
    private PlayersDatabase(IResourceBuilder<IResourceWithConnectionString>? postgres, string? sqliteFile)
    {
        Postgres = postgres;
        SqliteFile = sqliteFile;
    }

    /// <summary>The <c>playersdb</c> resource, or null on SQLite, which has no resource of its own.</summary>
    public IResourceBuilder<IResourceWithConnectionString>? Postgres { get; }

    /// <summary>The absolute path of the SQLite file, or null on PostgreSQL.</summary>
    public string? SqliteFile { get; }

    /// <summary>
    /// <c>sqlite:///</c> and the absolute path (four slashes on Unix). The services percent-decode the path and stop
    /// it at a <c>?</c>, so those two characters are escaped.
    /// </summary>
    public string? SqliteUrl =>
        SqliteFile is null ? null : "sqlite:///" + SqliteFile.Replace("%", "%25", StringComparison.Ordinal).Replace("?", "%3F", StringComparison.Ordinal);

    public static PlayersDatabase OnPostgres(IResourceBuilder<IResourceWithConnectionString> playersdb) => new(playersdb, sqliteFile: null);

    public static PlayersDatabase OnSqlite(string file) => new(postgres: null, file);
}
