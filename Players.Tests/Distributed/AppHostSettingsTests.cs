extern alias AppHost;
using AppHost::Players.AppHost;
using Microsoft.Extensions.Configuration;

namespace Players.Tests.Distributed;

/// <summary>The AppHost's <c>Players:*</c> settings, read and checked once into <c>AppHostSettings</c> before any resource exists.</summary>
[Trait("Tier", "Fast")]
public sealed class AppHostSettingsTests
{
    private static readonly AppHostSettings Defaults = new();

    /// <summary>One setting, and the record it reads into (an <see cref="object"/>: the record is internal to the AppHost).</summary>
    public static TheoryData<string, string, object> ValidSettings => new()
    {
        { "Players:Database", "postgres", Defaults with { Database = RequestedDatabase.Postgres } },
        { "Players:Database", " SQLite ", Defaults with { Database = RequestedDatabase.Sqlite } },
        { "Players:Postgres:Source", "auto", Defaults },
        { "Players:Postgres:Source", "Container", Defaults with { PostgresSource = PostgresSource.Container } },
        { "Players:Postgres:Source", "LOCAL", Defaults with { PostgresSource = PostgresSource.Local } },
        { "Players:Postgres:ContainerProbe", "False", Defaults with { ContainerProbe = false } },
        { "Players:Postgres:ContainerProbe", "true", Defaults },
        { "Players:Postgres:BinariesDirectory", "/usr/lib/postgresql/15/bin", Defaults with { PostgresBinariesDirectory = "/usr/lib/postgresql/15/bin" } },
        { "Players:Postgres:DataDirectory", "pg-data", Defaults with { PostgresDataDirectory = Path.GetFullPath("pg-data") } },
        { "Players:Sqlite:DataDirectory", "/tmp/players", Defaults with { SqliteDataDirectory = "/tmp/players" } },
        { "Players:Api:Replicas", "3", Defaults with { ApiReplicas = 3 } },
        { "Players:Api:Replicas", " 1 ", Defaults },
        { "Players:Migrations:Target", "SeedStartingEleven", Defaults with { MigrationTarget = "SeedStartingEleven" } },
        { "Players:Database", "  ", Defaults },
        { "Players:Migrations:Target", "", Defaults },
    };

    public static TheoryData<string, string, string> RefusedSettings => new()
    {
        { "Players:Database", "mysql", "Players:Database must be postgres or sqlite; it is 'mysql'." },
        { "Players:Postgres:Source", "kubernetes", "Players:Postgres:Source must be auto, container or local; it is 'kubernetes'." },
        { "Players:Postgres:Source", "1", "Players:Postgres:Source must be auto, container or local; it is '1'." },
        { "Players:Postgres:ContainerProbe", "maybe", "Players:Postgres:ContainerProbe must be true or false; it is 'maybe'." },
        { "Players:Api:Replicas", "0", "Players:Api:Replicas must be a whole number of at least 1; it is '0'." },
        { "Players:Api:Replicas", "-2", "Players:Api:Replicas must be a whole number of at least 1; it is '-2'." },
        { "Players:Api:Replicas", "1.5", "Players:Api:Replicas must be a whole number of at least 1; it is '1.5'." },
        { "Players:Api:Replicas", "two", "Players:Api:Replicas must be a whole number of at least 1; it is 'two'." },
    };

    [Fact]
    public void Nothing_set_reads_as_the_defaults_auto_source_probe_on_one_replica_and_no_folders_or_target()
    {
        var settings = From();

        Assert.Equal(Defaults, settings);
        Assert.Null(settings.Database);
        Assert.Equal(PostgresSource.Auto, settings.PostgresSource);
        Assert.True(settings.ContainerProbe);
        Assert.Equal(1, settings.ApiReplicas);
        Assert.Null(settings.PostgresBinariesDirectory);
        Assert.Null(settings.PostgresDataDirectory);
        Assert.Null(settings.SqliteDataDirectory);
        Assert.Null(settings.MigrationTarget);
    }

    [Theory]
    [MemberData(nameof(ValidSettings))]
    public void A_valid_setting_is_read_into_the_record(string key, string value, object expected) =>
        Assert.Equal(expected, From((key, value)));

    [Theory]
    [MemberData(nameof(RefusedSettings))]
    public void A_malformed_setting_is_refused_with_one_line_naming_it_and_the_values_it_takes(string key, string value, string message)
    {
        var refusal = Assert.Throws<AppHostRefusedException>(() => From((key, value)));

        Assert.Equal(message, refusal.Message);
    }

    [Theory]
    [InlineData("container")]
    [InlineData("local")]
    public void Sqlite_with_a_forced_postgres_source_is_refused_as_a_contradiction(string source)
    {
        var refusal = Assert.Throws<AppHostRefusedException>(() => From(("Players:Database", "sqlite"), ("Players:Postgres:Source", source)));

        Assert.Equal($"Players:Database=sqlite and Players:Postgres:Source={source} contradict each other: leave one of them unset.", refusal.Message);
    }

    [Fact]
    public void Sqlite_with_the_auto_source_spelled_out_is_no_contradiction() =>
        Assert.Equal(Defaults with { Database = RequestedDatabase.Sqlite }, From(("Players:Database", "sqlite"), ("Players:Postgres:Source", "auto")));

    private static AppHostSettings From(params (string Key, string Value)[] settings) =>
        AppHostSettings.From(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(setting => KeyValuePair.Create(setting.Key, (string?)setting.Value)))
            .Build());
}
