extern alias AppHost;
using AppHost::Players.AppHost;
using AppHost::Players.AppHost.Database;
using Microsoft.Extensions.Configuration;
using Players.Tests.Infrastructure;

namespace Players.Tests.Distributed;

/// <summary>
/// How the AppHost chooses its database (<c>Players:Database</c>) and where PostgreSQL comes from
/// (<c>Players:Postgres:Source</c>). The container probe is off in every test, so no answer depends on this machine's engine.
/// </summary>
[Trait("Tier", "Process")]
public sealed class AppHostDatabaseSelectionTests : IDisposable
{
    private readonly DirectoryInfo _emptyBinaries = Directory.CreateTempSubdirectory("players-no-binaries-");
    private readonly string _sqliteDirectory = Path.Combine(Path.GetTempPath(), "players-selection-test");

    public void Dispose() => _emptyBinaries.Delete();

    [Theory]
    [InlineData("local")]
    [InlineData("LOCAL")]
    public void A_forced_local_source_takes_the_newest_installed_binaries(string source) =>
        Assert.Equal(new DatabaseChoice.PostgresBinaries(PostgresBinaries.Directory), Choose(("Players:Postgres:Source", source)));

    [Fact]
    public void A_forced_container_source_takes_the_container_when_the_probe_is_off() =>
        Assert.Equal(new DatabaseChoice.PostgresContainer(), Choose(("Players:Postgres:Source", "container")));

    [Theory]
    [InlineData(null, null)]
    [InlineData(null, "local")]
    [InlineData("postgres", null)]
    public void Publish_mode_always_models_a_container(string? database, string? source) =>
        Assert.Equal(new DatabaseChoice.PostgresContainer(), Choose(isPublishMode: true, ("Players:Database", database), ("Players:Postgres:Source", source)));

    [Fact]
    public void Sqlite_is_refused_in_publish_mode_with_one_line()
    {
        var error = Assert.Throws<AppHostRefusedException>(() => Choose(isPublishMode: true, ("Players:Database", "sqlite")));

        Assert.Equal(
            "Players:Database=sqlite cannot be published: the manifest models PostgreSQL as a container. Leave Players:Database unset or set it to postgres.",
            error.Message);
    }

    [Fact]
    public void Sqlite_when_asked_for_is_one_file_in_the_configured_folder_without_a_warning() =>
        Assert.Equal(
            new DatabaseChoice.SqliteFile(Path.Combine(_sqliteDirectory, "players.db"), Warning: null),
            Choose(("Players:Database", "sqlite"), ("Players:Sqlite:DataDirectory", _sqliteDirectory)));

    [Fact]
    public void Sqlite_by_default_lives_in_the_per_user_data_folder_outside_the_repository()
    {
        var choice = Assert.IsType<DatabaseChoice.SqliteFile>(Choose(("Players:Database", "sqlite")));

        var userData = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
        Assert.Equal(Path.Combine(userData, "players", "players.db"), choice.Path);
        Assert.False(choice.Path.StartsWith(BuiltAppHost.RepositoryRoot, StringComparison.Ordinal), $"{choice.Path} is inside the repository.");
    }

    [Fact]
    public void Unset_takes_the_installed_binaries_when_no_container_engine_answers() =>
        Assert.Equal(
            new DatabaseChoice.PostgresBinaries(PostgresBinaries.Directory),
            Choose(("Players:Postgres:BinariesDirectory", PostgresBinaries.Directory)));

    [Fact]
    public void Unset_falls_back_to_sqlite_with_a_warning_that_says_what_to_install_when_no_postgres_can_be_had()
    {
        var choice = Assert.IsType<DatabaseChoice.SqliteFile>(Choose(
            ("Players:Postgres:BinariesDirectory", _emptyBinaries.FullName), ("Players:Sqlite:DataDirectory", _sqliteDirectory)));

        var file = Path.Combine(_sqliteDirectory, "players.db");
        Assert.Equal(file, choice.Path);
        Assert.Equal(
            $"No container engine and no PostgreSQL server binaries (under {_emptyBinaries.FullName}): running on SQLite {file}. "
            + "To run on PostgreSQL, install it (Debian/Ubuntu: apt-get install postgresql) or a container engine (Docker or Podman); "
            + "Players:Database=sqlite chooses SQLite without this warning.",
            choice.Warning);
    }

    [Fact]
    public void Postgres_when_asked_for_is_refused_with_what_to_install_when_none_can_be_had()
    {
        var error = Assert.Throws<AppHostRefusedException>(() =>
            Choose(("Players:Database", "postgres"), ("Players:Postgres:BinariesDirectory", _emptyBinaries.FullName)));

        Assert.Equal(
            $"No container engine answered and no PostgreSQL server binaries were found under {_emptyBinaries.FullName}. "
            + "Install PostgreSQL (Debian/Ubuntu: apt-get install postgresql) or a container engine (Docker or Podman), "
            + "name the binaries' folder with Players:Postgres:BinariesDirectory, or leave Players:Database unset to run on SQLite.",
            error.Message);
    }

    [Fact]
    public void A_forced_local_source_without_binaries_is_refused_naming_where_it_looked()
    {
        var error = Assert.Throws<AppHostRefusedException>(() =>
            Choose(("Players:Postgres:Source", "local"), ("Players:Postgres:BinariesDirectory", _emptyBinaries.FullName)));

        Assert.Equal(
            $"Players:Postgres:Source=local, but no PostgreSQL server binaries (initdb and postgres) were found under {_emptyBinaries.FullName}. "
            + "Install PostgreSQL (Debian/Ubuntu: apt-get install postgresql) or name their folder with Players:Postgres:BinariesDirectory.",
            error.Message);
    }

    private static DatabaseChoice Choose(params (string Key, string? Value)[] settings) => Choose(isPublishMode: false, settings);

    private static DatabaseChoice Choose(bool isPublishMode, params (string Key, string? Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new("Players:Postgres:ContainerProbe", "false"), .. settings.Select(setting => KeyValuePair.Create(setting.Key, setting.Value))])
            .Build();
        return PlayersDatabaseSelection.Choose(AppHostSettings.From(configuration), isPublishMode);
    }
}
