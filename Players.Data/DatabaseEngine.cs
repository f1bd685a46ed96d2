namespace Players.Data;

public enum DatabaseEngine
{
    Sqlite,
    PostgreSql,
}
