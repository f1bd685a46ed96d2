using Players.Tests.Api;
using Players.Tests.Infrastructure;
using Players.Tests.Telemetry;
using Players.Tests.Worker;
using Xunit.Abstractions;

namespace Players.Tests.Security;

/// <summary>
/// On a cluster that demands a scram-sha-256 password (trust authentication would prove nothing), no process lets
/// the password out: not on stdout or stderr, in a response, in an exported span or log, or in an exception message.
/// The AppHost's own password is covered by ManifestTests: a parameter with <c>secret: true</c>.
/// </summary>
[Trait("Tier", "Process")]
public sealed class SecretLeakTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, string> Verbose = new() { ["Logging__LogLevel__Default"] = "Debug" };

    [Fact]
    public async Task The_worker_never_prints_or_exports_the_password_whether_it_succeeds_gets_a_bad_url_or_cannot_reach_the_server()
    {
        var password = NewPassword();
        await using var cluster = await PostgresCluster.StartAsync(password);
        await using var receiver = new OtlpReceiver();
        var witness = new SecretWitness(password);
        var environment = new Dictionary<string, string>(Verbose)
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint.ToString().TrimEnd('/'),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["Players__Migrations__ConnectTimeoutSeconds"] = "2",
        };
        var credentials = $"{PostgresCluster.SuperUser}:{Uri.EscapeDataString(password)}";

        var succeeded = await WorkerProcess.RunAsync($"postgresql://{credentials}@127.0.0.1:{cluster.Port}/players", environment, "upgrade");
        var badUrl = await WorkerProcess.RunAsync($"postgresql://{credentials}@127.0.0.1:{cluster.Port}/players?bogus=1", environment, "upgrade");
        var unreachable = await WorkerProcess.RunAsync($"postgresql://{credentials}@127.0.0.1:{LoopbackPort.Free()}/players", environment, "upgrade");

        Assert.True(succeeded.ExitCode == 0, succeeded.ToString());
        Assert.True(badUrl.ExitCode == 2, badUrl.ToString());
        Assert.True(unreachable.ExitCode == 1, unreachable.ToString());
        foreach (var (name, run) in new[] { ("success", succeeded), ("bad URL", badUrl), ("unreachable", unreachable) })
        {
            witness.Saw($"worker {name} stdout", run.Output);
            witness.Saw($"worker {name} stderr", run.Errors);
        }

        Assert.True(receiver.TraceExportCount > 0, "the worker exported no spans, so nothing was checked");
        foreach (var (export, index) in receiver.AllExports.Select((e, i) => (e, i)))
        {
            witness.Saw($"OTLP export {index}", export);
        }

        output.WriteLine($"Searched {witness.Count} outputs of the worker for {witness.Spellings.Count} spellings of the password.");
        witness.AssertNothingLeaked();
    }

    [Theory]
    [InlineData("ConnectionStrings__playersdb")]
    [InlineData("DATABASE_URL")]
    public async Task The_api_never_prints_answers_or_exports_the_password_when_serving_or_when_the_database_is_gone(string setting)
    {
        var password = NewPassword();
        await using var cluster = await PostgresCluster.StartAsync(password);
        await using var receiver = new OtlpReceiver();
        var witness = new SecretWitness(password);
        var environment = new Dictionary<string, string>(Verbose)
        {
            [setting] = setting == "DATABASE_URL"
                ? $"postgresql://{PostgresCluster.SuperUser}:{Uri.EscapeDataString(password)}@127.0.0.1:{cluster.Port}/players"
                : cluster.ConnectionString("players"),
            ["Players__MigrateOnStartup"] = "true",
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint.ToString().TrimEnd('/'),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        };

        var api = await ApiProcess.StartAsync(environment);
        await using (api)
        {
            using var http = new HttpClient { BaseAddress = api.Address, Timeout = TimeSpan.FromSeconds(30) };
            var served = await SendAllAsync(http, witness, "serving");
            Assert.Equal(200, served["GET /players/squadnumber/10"]);

            await cluster.StopAsync();
            var outage = await SendAllAsync(http, witness, "outage");
            Assert.Equal(503, outage["GET /players/squadnumber/10"]);
            Assert.Equal(503, outage["GET /health"]);
        }

        witness.Saw("API console", api.Console);
        Assert.Contains("Players API database", api.Console, StringComparison.Ordinal);
        Assert.True(receiver.TraceExportCount > 0, "the API exported no spans, so nothing was checked");
        foreach (var (export, index) in receiver.AllExports.Select((e, i) => (e, i)))
        {
            witness.Saw($"OTLP export {index}", export);
        }

        output.WriteLine($"Searched {witness.Count} outputs of the API for {witness.Spellings.Count} spellings of the password.");
        witness.AssertNothingLeaked();
    }

    [Fact]
    public void The_witness_finds_the_password_written_plainly_or_percent_encoded()
    {
        var password = NewPassword();
        foreach (var leaked in new[] { $"Password={password}", $"postgresql://postgres:{Uri.EscapeDataString(password)}@db/players" })
        {
            var witness = new SecretWitness(password);
            witness.Saw("a leaky line", leaked);

            Assert.ThrowsAny<Xunit.Sdk.XunitException>(witness.AssertNothingLeaked);
        }
    }

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

    private static string NewPassword() => $"S3cr3t-{Guid.NewGuid():N}/@:#";
}
