using System.Globalization;
using Microsoft.Extensions.Configuration;
using Players.Contracts;

namespace Players.AppHost;

/// <summary>The database the AppHost was asked for (<c>Players:Database</c>); unset leaves the choice to the machine.</summary>
internal enum RequestedDatabase
{
    Postgres,
    Sqlite,
}

/// <summary>Where PostgreSQL comes from (<c>Players:Postgres:Source</c>).</summary>
internal enum PostgresSource
{
    Auto,
    Container,
    Local,
}

/// <summary>
/// The AppHost's <c>Players:*</c> settings, read and checked once, before any resource is added: a malformed value is
/// refused here, naming the setting and the values it takes. Folders are absolute, or null when unset (each resource
/// has its own default). Whether what they ask for can be had on this machine is the model's question, not theirs.
/// </summary>
internal sealed record AppHostSettings
{
    public const string DatabaseKey = "Players:Database";
    public const string PostgresSourceKey = "Players:Postgres:Source";
    public const string ContainerProbeKey = "Players:Postgres:ContainerProbe";
    public const string PostgresBinariesDirectoryKey = "Players:Postgres:BinariesDirectory";
    public const string PostgresDataDirectoryKey = "Players:Postgres:DataDirectory";
    public const string SqliteDataDirectoryKey = "Players:Sqlite:DataDirectory";
    public const string ApiReplicasKey = "Players:Api:Replicas";

    /// <summary><c>postgres</c> or <c>sqlite</c>; null (unset) takes PostgreSQL when it can be had, else SQLite.</summary>
    public RequestedDatabase? Database { get; init; }

    public PostgresSource PostgresSource { get; init; } = PostgresSource.Auto;

    /// <summary><c>false</c> skips <c>docker info</c>/<c>podman info</c>: <c>auto</c> then assumes no engine, <c>container</c> one.</summary>
    public bool ContainerProbe { get; init; } = true;

    /// <summary>Where <c>initdb</c> and <c>postgres</c> are; null searches the usual places.</summary>
    public string? PostgresBinariesDirectory { get; init; }

    public string? PostgresDataDirectory { get; init; }

    public string? SqliteDataDirectory { get; init; }

    /// <summary>API processes in run mode, at least 1.</summary>
    public int ApiReplicas { get; init; } = 1;

    /// <summary>The worker's upgrade target (<see cref="WorkerSettings.Target"/>); null upgrades to head.</summary>
    public string? MigrationTarget { get; init; }

    /// <exception cref="AppHostRefusedException">A setting holds a value it does not take, or two contradict each other.</exception>
    public static AppHostSettings From(IConfiguration configuration)
    {
        var settings = new AppHostSettings
        {
            Database = Choice<RequestedDatabase>(configuration, DatabaseKey),
            PostgresSource = Choice<PostgresSource>(configuration, PostgresSourceKey) ?? PostgresSource.Auto,
            ContainerProbe = Switch(configuration, ContainerProbeKey) ?? true,
            PostgresBinariesDirectory = Folder(configuration, PostgresBinariesDirectoryKey),
            PostgresDataDirectory = Folder(configuration, PostgresDataDirectoryKey),
            SqliteDataDirectory = Folder(configuration, SqliteDataDirectoryKey),
            ApiReplicas = Count(configuration, ApiReplicasKey) ?? 1,
            MigrationTarget = Text(configuration, WorkerSettings.Target),
        };

        return settings is { Database: RequestedDatabase.Sqlite, PostgresSource: not PostgresSource.Auto }
            ? throw new AppHostRefusedException(
                $"{DatabaseKey}=sqlite and {PostgresSourceKey}={Name(settings.PostgresSource)} contradict each other: leave one of them unset.")
            : settings;
    }

    /// <summary>A value as the settings spell it: <see cref="PostgresSource.Local"/> → <c>local</c>.</summary>
    public static string Name<TEnum>(TEnum value)
        where TEnum : struct, Enum => value.ToString().ToLowerInvariant();

    private static string? Text(IConfiguration configuration, string key) =>
        configuration[key]?.Trim() is { Length: > 0 } value ? value : null;

    private static string? Folder(IConfiguration configuration, string key) =>
        Text(configuration, key) is { } folder ? Path.GetFullPath(folder) : null;

    /// <summary>One of the enum's names, in any case; null when unset.</summary>
    private static TEnum? Choice<TEnum>(IConfiguration configuration, string key)
        where TEnum : struct, Enum
    {
        if (Text(configuration, key) is not { } value)
        {
            return null;
        }

        var accepted = Enum.GetValues<TEnum>();
        foreach (var choice in accepted)
        {
            if (string.Equals(Name(choice), value, StringComparison.OrdinalIgnoreCase))
            {
                return choice;
            }
        }

        throw new AppHostRefusedException($"{key} must be {string.Join(", ", accepted[..^1].Select(Name))} or {Name(accepted[^1])}; it is '{value}'.");
    }

    private static bool? Switch(IConfiguration configuration, string key) =>
        Text(configuration, key) is not { } value ? null
        : bool.TryParse(value, out var on) ? on
        : throw new AppHostRefusedException($"{key} must be true or false; it is '{value}'.");

    private static int? Count(IConfiguration configuration, string key) =>
        Text(configuration, key) is not { } value ? null
        : int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count >= 1 ? count
        : throw new AppHostRefusedException($"{key} must be a whole number of at least 1; it is '{value}'.");
}
