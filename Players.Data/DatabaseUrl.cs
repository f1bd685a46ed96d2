using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Players.Data;

/// <summary>
/// Reads the Python project's SQLAlchemy-style <c>DATABASE_URL</c> into a <see cref="DatabaseTarget"/>.
/// Anything it cannot read exactly is refused with one line that names the accepted forms, never a password.
/// </summary>
public static partial class DatabaseUrl
{
    public const string AcceptedForms =
        "sqlite:///relative/path.db, sqlite:////absolute/path.db, sqlite+aiosqlite:///…, "
        + "postgresql://[user[:password]@]host[:port]/database[?sslmode=…|ssl=…], postgres://…, postgresql+asyncpg://…";

    private static readonly string[] SqliteSchemes = ["sqlite", "sqlite+aiosqlite"];
    private static readonly string[] PostgresSchemes = ["postgresql", "postgres", "postgresql+asyncpg"];
    private const int DefaultPostgresPort = 5432;

    /// <param name="url">The URL as configured.</param>
    /// <param name="baseDirectory">What a relative SQLite path is relative to; the current directory by default.</param>
    public static DatabaseTarget Parse(string url, string? baseDirectory = null)
    {
        var separator = url.IndexOf("://", StringComparison.Ordinal);
        if (separator <= 0)
        {
            throw Invalid(url, "it is not a URL with a scheme");
        }

        var scheme = url[..separator].ToLowerInvariant();
        var rest = url[(separator + 3)..];
        if (SqliteSchemes.Contains(scheme))
        {
            return ParseSqlite(url, rest, baseDirectory ?? Environment.CurrentDirectory);
        }

        if (PostgresSchemes.Contains(scheme))
        {
            return ParsePostgres(url, rest);
        }

        throw Invalid(url, $"the scheme '{scheme}' is not supported");
    }

    /// <summary>The SQLite target for a file path; a relative path is resolved against the current directory.</summary>
    public static DatabaseTarget SqliteFile(string path, DatabaseSource source)
    {
        var fullPath = Path.GetFullPath(path);
        var connectionString = new SqliteConnectionStringBuilder { DataSource = fullPath }.ToString();
        return new DatabaseTarget(DatabaseEngine.Sqlite, connectionString, $"SQLite {fullPath}", source);
    }

    /// <summary>The value with any password replaced by <c>***</c>, safe to print.</summary>
    public static string Mask(string value) =>
        KeyValuePassword().Replace(UrlPassword().Replace(value, "${prefix}:***@"), "${key}=***").ReplaceLineEndings(" ");

    private static DatabaseTarget ParseSqlite(string url, string rest, string baseDirectory)
    {
        // sqlite:///relative.db leaves "/relative.db"; sqlite:////absolute.db leaves "//absolute.db".
        if (!rest.StartsWith('/'))
        {
            throw Invalid(url, "a SQLite URL takes no host: write three slashes before a relative path, four before an absolute one");
        }

        var path = rest[1..];
        var query = path.IndexOf('?', StringComparison.Ordinal);
        if (query >= 0)
        {
            throw Invalid(url, $"the option '{OptionName(path[(query + 1)..])}' is not supported for SQLite");
        }

        path = Uri.UnescapeDataString(path);
        if (path.Length == 0)
        {
            throw Invalid(url, "the SQLite file path is empty");
        }

        if (path.Contains(":memory:", StringComparison.OrdinalIgnoreCase) || path.Contains("mode=memory", StringComparison.OrdinalIgnoreCase))
        {
            throw Invalid(url, "an in-memory SQLite database cannot keep migrations; name a file");
        }

        return SqliteFile(Path.GetFullPath(path, baseDirectory), DatabaseSource.DatabaseUrl);
    }

    private static DatabaseTarget ParsePostgres(string url, string rest)
    {
        string? query = null;
        var queryStart = rest.IndexOf('?', StringComparison.Ordinal);
        if (queryStart >= 0)
        {
            query = rest[(queryStart + 1)..];
            rest = rest[..queryStart];
        }

        var builder = new NpgsqlConnectionStringBuilder();
        var at = rest.LastIndexOf('@');
        if (at >= 0)
        {
            var userInfo = rest[..at];
            rest = rest[(at + 1)..];
            var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Decode(url, colon < 0 ? userInfo : userInfo[..colon]);
            if (colon >= 0)
            {
                builder.Password = Decode(url, userInfo[(colon + 1)..]);
            }
        }

        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var database = slash < 0 ? "" : Decode(url, rest[(slash + 1)..]);
        if (database.Length == 0)
        {
            throw Invalid(url, "the database name is missing (…/database)");
        }

        var (host, port) = ParseHostAndPort(url, slash < 0 ? rest : rest[..slash]);
        builder.Host = host;
        builder.Port = port;
        builder.Database = database;
        ApplyOptions(url, query, builder);

        var user = string.IsNullOrEmpty(builder.Username) ? "" : $"{builder.Username}@";
        return new DatabaseTarget(
            DatabaseEngine.PostgreSql,
            builder.ConnectionString,
            $"PostgreSQL {user}{host}:{port}/{database}",
            DatabaseSource.DatabaseUrl);
    }

    private static (string Host, int Port) ParseHostAndPort(string url, string hostAndPort)
    {
        string host;
        string? port = null;
        if (hostAndPort.StartsWith('['))
        {
            var close = hostAndPort.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                throw Invalid(url, "the IPv6 host has no closing ']'");
            }

            host = hostAndPort[1..close];
            var after = hostAndPort[(close + 1)..];
            if (after.Length > 0)
            {
                port = after.StartsWith(':') ? after[1..] : throw Invalid(url, "unexpected text after the IPv6 host");
            }
        }
        else
        {
            var colon = hostAndPort.LastIndexOf(':');
            host = colon < 0 ? hostAndPort : hostAndPort[..colon];
            port = colon < 0 ? null : hostAndPort[(colon + 1)..];
        }

        host = Decode(url, host);
        if (host.Length == 0)
        {
            throw Invalid(url, "the host is missing");
        }

        if (port is null)
        {
            return (host, DefaultPostgresPort);
        }

        return int.TryParse(port, System.Globalization.NumberStyles.None, null, out var number) && number is > 0 and <= 65535
            ? (host, number)
            : throw Invalid(url, $"the port '{port}' is not a number from 1 to 65535");
    }

    private static void ApplyOptions(string url, string? query, NpgsqlConnectionStringBuilder builder)
    {
        if (string.IsNullOrEmpty(query))
        {
            return;
        }

        foreach (var option in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = option.IndexOf('=', StringComparison.Ordinal);
            var name = Decode(url, equals < 0 ? option : option[..equals]);
            var value = equals < 0 ? "" : Decode(url, option[(equals + 1)..]);
            builder.SslMode = name.ToLowerInvariant() switch
            {
                "sslmode" => ParseSslMode(url, value),
                "ssl" => ParseSsl(url, value),
                _ => throw Invalid(url, $"the option '{name}' is not supported (only sslmode and ssl are)"),
            };
        }
    }

    private static SslMode ParseSslMode(string url, string value) =>
        Enum.TryParse<SslMode>(value.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var mode)
        && Enum.IsDefined(mode) && !int.TryParse(value, out _)
            ? mode
            : throw Invalid(url, $"sslmode '{value}' is not one of disable, allow, prefer, require, verify-ca, verify-full");

    private static SslMode ParseSsl(string url, string value) => value.ToLowerInvariant() switch
    {
        "true" or "1" or "require" => SslMode.Require,
        "false" or "0" or "disable" => SslMode.Disable,
        _ => throw Invalid(url, $"ssl '{value}' is not one of true, false, require, disable"),
    };

    private static string OptionName(string query) => query.Split('&', '=')[0];

    private static string Decode(string url, string value)
    {
        try
        {
            return Uri.UnescapeDataString(value);
        }
        catch (UriFormatException)
        {
            throw Invalid(url, "it holds an invalid percent-escape");
        }
    }

    private static DatabaseConfigurationException Invalid(string url, string reason) =>
        new($"Invalid DATABASE_URL '{Mask(url)}': {reason}. Accepted forms: {AcceptedForms}.");

    [GeneratedRegex(@"^(?<prefix>(?:[a-z0-9+.\-]+://)?[^:/@\s]*):(?<password>.*)@", RegexOptions.IgnoreCase)]
    private static partial Regex UrlPassword();

    [GeneratedRegex(@"(?<key>password|pwd)\s*=\s*[^;&\s]*", RegexOptions.IgnoreCase)]
    private static partial Regex KeyValuePassword();
}
