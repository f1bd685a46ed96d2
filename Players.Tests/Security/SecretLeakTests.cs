using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Players.Data;
using Players.Tests.Api;
using Players.Tests.Infrastructure;
using Players.Tests.Telemetry;
using Players.Tests.Worker;
using Xunit.Abstractions;

namespace Players.Tests.Security;

/// <summary>
/// On a cluster that demands a scram-sha-256 password (trust authentication would prove nothing), neither service lets
/// the password out: not on stdout or stderr, in a response, in an exported span or log, or in an exception message.
/// Each executable runs once as a process, for its console and its exporters; the API's other configuration runs in
/// process, and the worker's failing runs are in <see cref="SecretLeakRuleTests"/>. The AppHost's own password is
/// covered by ManifestTests: a parameter with <c>secret: true</c>.
/// </summary>
[Trait("Tier", "Process")]
public sealed class SecretLeakTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, string> Verbose = new() { ["Logging__LogLevel__Default"] = "Debug" };

    [Fact]
    public async Task The_worker_process_never_prints_or_exports_the_password_when_it_succeeds()
    {
        var password = NewPassword();
        await using var cluster = await PostgresCluster.StartAsync(password);
        await using var receiver = new OtlpReceiver();
        var witness = new SecretWitness(password);
        var environment = new Dictionary<string, string>(Verbose)
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint.ToString().TrimEnd('/'),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        };
        var credentials = $"{PostgresCluster.SuperUser}:{Uri.EscapeDataString(password)}";

        var succeeded = await WorkerProcess.RunAsync($"postgresql://{credentials}@127.0.0.1:{cluster.Port}/players", environment, "upgrade");

        Assert.True(succeeded.ExitCode == 0, succeeded.ToString());
        witness.Saw("worker stdout", succeeded.Output);
        witness.Saw("worker stderr", succeeded.Errors);
        Assert.True(receiver.TraceExportCount > 0, "the worker exported no spans, so nothing was checked");
        foreach (var (export, index) in receiver.AllExports.Select((e, i) => (e, i)))
        {
            witness.Saw($"OTLP export {index}", export);
        }

        output.WriteLine($"Searched {witness.Count} outputs of the worker for {witness.Spellings.Count} spellings of the password.");
        witness.AssertNothingLeaked();
    }

    [Fact]
    public async Task The_api_never_prints_answers_or_exports_the_password_when_serving_or_when_the_database_is_gone()
    {
        var password = NewPassword();
        await using var cluster = await PostgresCluster.StartAsync(password);
        await using var receiver = new OtlpReceiver();
        var witness = new SecretWitness(password);
        var environment = new Dictionary<string, string>(Verbose)
        {
            ["DATABASE_URL"] = $"postgresql://{PostgresCluster.SuperUser}:{Uri.EscapeDataString(password)}@127.0.0.1:{cluster.Port}/players",
            ["Players__MigrateOnStartup"] = "true",
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint.ToString().TrimEnd('/'),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        };

        var api = await ApiProcess.StartAsync(environment);
        await using (api)
        {
            using var http = new HttpClient { BaseAddress = api.Address, Timeout = TimeSpan.FromSeconds(30) };
            await ServeThenLoseTheDatabaseAsync(http, cluster, witness);
        }

        witness.Saw("API console", api.Console);
        Assert.Contains("Players API database", api.Console, StringComparison.Ordinal);
        AssertExportsSeen(receiver, witness);

        output.WriteLine($"Searched {witness.Count} outputs of the API process for {witness.Spellings.Count} spellings of the password.");
        witness.AssertNothingLeaked();
    }

    /// <summary>
    /// The same requests to the API in process (the same code: its endpoints, logging and exporters), reached as under
    /// Aspire through <c>ConnectionStrings:playersdb</c>: every log record it wrote and every export searched.
    /// </summary>
    [Fact]
    public async Task The_api_never_logs_answers_or_exports_the_password_of_its_connection_string_when_serving_or_when_the_database_is_gone()
    {
        var password = NewPassword();
        await using var cluster = await PostgresCluster.StartAsync(password);
        await using var receiver = new OtlpReceiver();
        var witness = new SecretWitness(password);
        var log = new FakeLogCollector();
        var settings = new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{DatabaseSelection.ConnectionName}"] = cluster.ConnectionString("players"),
            ["Players:MigrateOnStartup"] = "true",
            ["Logging:LogLevel:Default"] = "Debug",
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint.ToString().TrimEnd('/'),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        };

        await using (var factory = new PlayersApiFactory(settings))
        {
            using var http = factory
                .WithWebHostBuilder(host => host.ConfigureLogging(logging => logging.AddProvider(new FakeLoggerProvider(log))))
                .CreateClient();
            await ServeThenLoseTheDatabaseAsync(http, cluster, witness);
        }

        var records = log.GetSnapshot();
        foreach (var (record, index) in records.Select((r, i) => (r, i)))
        {
            witness.Saw($"log record {index} ({record.Category})", Describe(record));
        }

        Assert.Contains(records, record => record.Message.StartsWith("Players API database", StringComparison.Ordinal));
        AssertExportsSeen(receiver, witness);

        output.WriteLine($"Searched {witness.Count} outputs of the API for {witness.Spellings.Count} spellings of the password.");
        witness.AssertNothingLeaked();
    }

    private static async Task ServeThenLoseTheDatabaseAsync(HttpClient http, PostgresCluster cluster, SecretWitness witness)
    {
        var served = await SendAllAsync(http, witness, "serving");
        Assert.Equal(200, served["GET /players/squadnumber/10"]);

        await cluster.StopAsync();
        var outage = await SendAllAsync(http, witness, "outage");
        Assert.Equal(503, outage["GET /players/squadnumber/10"]);
        Assert.Equal(503, outage["GET /health"]);
    }

    private static void AssertExportsSeen(OtlpReceiver receiver, SecretWitness witness)
    {
        Assert.True(receiver.TraceExportCount > 0, "the API exported no spans, so nothing was checked");
        foreach (var (export, index) in receiver.AllExports.Select((e, i) => (e, i)))
        {
            witness.Saw($"OTLP export {index}", export);
        }
    }

    /// <summary>A log record as a console or exporter could print it: message, structured state, exception with its inner ones.</summary>
    internal static string Describe(FakeLogRecord record) =>
        $"{record.Level} {record.Category} {record.Message}\n"
        + string.Join('\n', record.StructuredState?.Select(pair => $"{pair.Key}={pair.Value}") ?? [])
        + $"\n{record.Exception}";

    private static async Task<Dictionary<string, int>> SendAllAsync(HttpClient http, SecretWitness witness, string phase)
    {
        var statuses = new Dictionary<string, int>();
        (HttpMethod Method, string Path, string? Body)[] requests =
        [
            (HttpMethod.Get, "/players/", null),
            (HttpMethod.Get, "/players/squadnumber/10", null),
            (HttpMethod.Get, "/players/not-a-uuid", null),
            (HttpMethod.Post, "/players/", PlayerBodies.Valid(phase == "serving" ? 60 : 61).Json()),
            (HttpMethod.Put, "/players/squadnumber/60", PlayerBodies.Valid(60).Json()),
            (HttpMethod.Delete, "/players/squadnumber/998", null),
            (HttpMethod.Get, "/health", null),
            (HttpMethod.Get, "/alive", null),
        ];
        foreach (var (method, path, body) in requests)
        {
            using var response = body is null
                ? await http.SendAsync(new HttpRequestMessage(method, path))
                : await http.SendJsonAsync(method, path, body);
            statuses[$"{method} {path}"] = (int)response.StatusCode;
            await witness.SawAsync($"{phase} {method} {path}", response);
        }

        return statuses;
    }

    internal static string NewPassword() => $"S3cr3t-{Guid.NewGuid():N}/@:#";

}
