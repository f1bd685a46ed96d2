using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Players.Tests.Distributed;
using Players.Tests.Telemetry;

namespace Players.Tests.Commands;

/// <summary>
/// One app on local PostgreSQL shared by the command tests, whose worker exports to a receiver in the test. Each test
/// leaves the database at head with the 25 seeded players, as it found it.
/// </summary>
public sealed class CommandsApp : IAsyncLifetime
{
    private readonly TemporaryDataDirectory _data = new();

    public OtlpReceiver WorkerTelemetry { get; } = new();

    public PlayersAppHost Host { get; private set; } = null!;

    public string ConnectionString { get; private set; } = "";

    public IResource Migrations => Host.Resources.Single(resource => resource.Name == PlayersAppHost.Migrations);

    public async Task InitializeAsync()
    {
        Host = await PlayersAppHost.StartAsync(new PlayersAppHostOptions(_data.Path) { WorkerOtlpEndpoint = WorkerTelemetry.Endpoint });
        await Host.WaitForMigrationsToFinishAsync();
        await Host.WaitForHealthyApiAsync();
        ConnectionString = await Host.GetDatabaseConnectionStringAsync() ?? throw new InvalidOperationException("No connection string for playersdb.");
    }

    /// <summary>Runs a command on <c>migrations</c> as the dashboard or the CLI does, with argument values by name.</summary>
    public Task<ExecuteCommandResult> RunAsync(string command, params (string Name, string Value)[] arguments) =>
        Host.App.Services.GetRequiredService<ResourceCommandService>().ExecuteCommandAsync(
                Migrations,
                command,
                new InteractionInputCollection([.. arguments.Select(argument => new InteractionInput
                {
                    Name = argument.Name,
                    InputType = InputType.Choice,
                    Value = argument.Value,
                })]))
            .WaitAsync(TimeSpan.FromMinutes(3));

    public async Task<IReadOnlyList<string>> HistoryAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""SELECT "MigrationId" FROM "__EFMigrationsHistory" ORDER BY 1""", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<string>();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    public async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    public async Task DisposeAsync()
    {
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        await WorkerTelemetry.DisposeAsync();
        _data.Dispose();
    }
}
