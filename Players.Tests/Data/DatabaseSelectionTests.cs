using Microsoft.Extensions.Configuration;
using Npgsql;
using Players.Data;

namespace Players.Tests.Data;

[Trait("Tier", "Fast")]
public sealed class DatabaseSelectionTests
{
    private const string Secret = "s3cr%3At";

    [Fact]
    public void With_nothing_configured_it_is_the_sqlite_file_in_the_current_directory()
    {
        var target = Resolve();

        Assert.Equal(DatabaseEngine.Sqlite, target.Engine);
        Assert.Equal(DatabaseSource.Default, target.Source);
        Assert.Equal(Path.Combine(Environment.CurrentDirectory, "players-sqlite3.db"), DataSource(target));
    }

    [Theory]
    [InlineData("sqlite:///players.db", "players.db")]
    [InlineData("sqlite:///data/players.db", "data/players.db")]
    [InlineData("sqlite+aiosqlite:///players-sqlite3.db", "players-sqlite3.db")]
    [InlineData("SQLITE:///Players.db", "Players.db")]
    [InlineData("sqlite:///my%20players.db", "my players.db")]
    public void A_relative_sqlite_path_resolves_against_the_current_directory(string url, string relative)
    {
        var target = Resolve(("DATABASE_URL", url));

        Assert.Equal(DatabaseEngine.Sqlite, target.Engine);
        Assert.Equal(DatabaseSource.DatabaseUrl, target.Source);
        Assert.Equal(Path.Combine(Environment.CurrentDirectory, relative), DataSource(target));
    }

    [Theory]
    [InlineData("sqlite:////var/lib/players/players.db")]
    [InlineData("sqlite+aiosqlite:////var/lib/players/players.db")]
    public void An_absolute_sqlite_path_is_taken_as_written(string url)
    {
        var target = Resolve(("DATABASE_URL", url));

        Assert.Equal("/var/lib/players/players.db", DataSource(target));
        Assert.Equal("SQLite /var/lib/players/players.db", target.Description);
    }

    [Theory]
    [InlineData("postgresql://players:secret@db.example:6543/squad", "db.example", 6543, "squad", "players", "secret")]
    [InlineData("postgres://players:secret@db.example/squad", "db.example", 5432, "squad", "players", "secret")]
    [InlineData("postgresql+asyncpg://players:secret@db.example:5433/squad", "db.example", 5433, "squad", "players", "secret")]
    [InlineData("postgresql://players@localhost/squad", "localhost", 5432, "squad", "players", null)]
    [InlineData("postgresql://localhost/squad", "localhost", 5432, "squad", null, null)]
    [InlineData("postgresql://p%40yers:p%3Ass%2Fw%40rd@127.0.0.1:5432/my%20db", "127.0.0.1", 5432, "my db", "p@yers", "p:ss/w@rd")]
    [InlineData("postgresql://u:p@[::1]:5440/squad", "::1", 5440, "squad", "u", "p")]
    public void A_postgresql_url_becomes_an_npgsql_connection_string(
        string url, string host, int port, string database, string? user, string? password)
    {
        var target = Resolve(("DATABASE_URL", url));
        var builder = new NpgsqlConnectionStringBuilder(target.ConnectionString);

        Assert.Equal(DatabaseEngine.PostgreSql, target.Engine);
        Assert.Equal((host, port, database, user, password), (builder.Host, builder.Port, builder.Database, builder.Username, builder.Password));
        Assert.DoesNotContain("secret", target.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("?sslmode=require", SslMode.Require)]
    [InlineData("?sslmode=verify-full", SslMode.VerifyFull)]
    [InlineData("?sslmode=verify-ca", SslMode.VerifyCA)]
    [InlineData("?sslmode=disable", SslMode.Disable)]
    [InlineData("?ssl=true", SslMode.Require)]
    [InlineData("?ssl=false", SslMode.Disable)]
    public void Sslmode_and_ssl_map_to_the_npgsql_ssl_mode(string query, SslMode expected)
    {
        var target = Resolve(("DATABASE_URL", $"postgresql://u@db/squad{query}"));

        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(target.ConnectionString).SslMode);
    }

    [Fact]
    public void The_aspire_connection_string_wins_over_database_url()
    {
        var target = Resolve(
            ("ConnectionStrings:playersdb", "Host=pg;Port=5432;Database=playersdb;Username=postgres;Password=secret"),
            ("DATABASE_URL", "sqlite:///ignored.db"));

        Assert.Equal(DatabaseEngine.PostgreSql, target.Engine);
        Assert.Equal(DatabaseSource.AspireConnectionString, target.Source);
        Assert.Equal("PostgreSQL postgres@pg:5432/playersdb", target.Description);
    }

    [Fact]
    public void An_empty_aspire_connection_string_or_url_falls_through_to_the_next_rule()
    {
        Assert.Equal(DatabaseSource.DatabaseUrl, Resolve(("ConnectionStrings:playersdb", ""), ("DATABASE_URL", "sqlite:///x.db")).Source);
        Assert.Equal(DatabaseSource.Default, Resolve(("ConnectionStrings:playersdb", " "), ("DATABASE_URL", "")).Source);
    }

    [Theory]
    [InlineData("sqlite:///:memory:", "in-memory")]
    [InlineData("sqlite://", "no host")]
    [InlineData("sqlite:///", "path is empty")]
    [InlineData("sqlite://host/players.db", "no host")]
    [InlineData("sqlite:///players.db?mode=ro", "option 'mode'")]
    [InlineData("mysql://root:" + Secret + "@db/squad", "scheme 'mysql'")]
    [InlineData("players.db", "scheme")]
    [InlineData("postgresql://u:" + Secret + "@db", "database name is missing")]
    [InlineData("postgresql://u:" + Secret + "@db/", "database name is missing")]
    [InlineData("postgresql://u:" + Secret + "@:5432/squad", "host is missing")]
    [InlineData("postgresql://u:" + Secret + "@db:port/squad", "port 'port'")]
    [InlineData("postgresql://u:" + Secret + "@db:70000/squad", "port '70000'")]
    [InlineData("postgresql://u:" + Secret + "@db/squad?sslmode=sometimes", "sslmode 'sometimes'")]
    [InlineData("postgresql://u:" + Secret + "@db/squad?ssl=maybe", "ssl 'maybe'")]
    [InlineData("postgresql://u:" + Secret + "@db/squad?application_name=x", "option 'application_name'")]
    [InlineData("postgresql://u:" + Secret + "@[::1/squad", "IPv6")]
    [InlineData("u:" + Secret + "@db/squad", "scheme")]
    [InlineData("Host=db;Username=u;Password=" + Secret, "scheme")]
    public void A_malformed_url_gives_one_line_naming_the_accepted_forms_without_the_password(string url, string reason)
    {
        var error = Assert.Throws<DatabaseConfigurationException>(() => Resolve(("DATABASE_URL", url)));

        Assert.StartsWith("Invalid DATABASE_URL '", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Contains(DatabaseUrl.AcceptedForms, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_masked_url_keeps_the_user_and_host_but_not_the_password()
    {
        Assert.Equal("postgresql://players:***@db:5432/squad", DatabaseUrl.Mask("postgresql://players:secret@db:5432/squad"));
        Assert.Equal("Host=db;Password=***", DatabaseUrl.Mask("Host=db;Password=secret"));
        Assert.Equal("sqlite:///players.db", DatabaseUrl.Mask("sqlite:///players.db"));
    }

    [Fact]
    public void A_malformed_aspire_connection_string_is_a_clear_error_without_the_password()
    {
        var error = Assert.Throws<DatabaseConfigurationException>(
            () => Resolve(("ConnectionStrings:playersdb", "Host=db;Password=" + Secret + ";Nonsense=1")));

        Assert.Contains("ConnectionStrings:playersdb", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr", error.Message, StringComparison.Ordinal);
    }

    private static string DataSource(DatabaseTarget target) =>
        new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(target.ConnectionString).DataSource;

    private static DatabaseTarget Resolve(params (string Key, string? Value)[] settings) =>
        DatabaseSelection.Resolve(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build());
}
