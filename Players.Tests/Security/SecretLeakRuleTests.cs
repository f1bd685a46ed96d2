using Players.Tests.Infrastructure;
using Players.Tests.Worker;
using Xunit.Abstractions;

namespace Players.Tests.Security;

/// <summary>
/// The worker's failing runs in process (<see cref="InProcessWorker"/>, at Debug): with a bad URL and with a server it
/// cannot reach, no password in its output, its log records (messages, exceptions) or its spans (tags, events). The
/// console and the exporters of the process are <see cref="SecretLeakTests"/>'s.
/// </summary>
[Trait("Tier", "Fast")]
public sealed class SecretLeakRuleTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_worker_never_prints_logs_or_records_the_password_when_it_gets_a_bad_url_or_cannot_reach_the_server()
    {
        var password = SecretLeakTests.NewPassword();
        var witness = new SecretWitness(password);
        var environment = new Dictionary<string, string>
        {
            ["Logging__LogLevel__Default"] = "Debug",
            ["Players__Migrations__ConnectTimeoutSeconds"] = "2",
        };
        var credentials = $"postgres:{Uri.EscapeDataString(password)}";
        var port = LoopbackPort.Free();
        using var spans = new SpanRecorder("Npgsql");

        var badUrl = await InProcessWorker.RunAsync($"postgresql://{credentials}@127.0.0.1:{port}/players?bogus=1", environment, "upgrade");
        var unreachable = await InProcessWorker.RunAsync($"postgresql://{credentials}@127.0.0.1:{port}/players", environment, "upgrade");

        Assert.True(badUrl.ExitCode == 2, badUrl.ToString());
        Assert.True(unreachable.ExitCode == 1, unreachable.ToString());
        foreach (var (name, run) in new[] { ("bad URL", badUrl), ("unreachable", unreachable) })
        {
            witness.Saw($"worker {name} stdout", run.Output);
            witness.Saw($"worker {name} log", run.Errors);
        }

        // Other tests migrate beside this one: their spans are searched too, and hold no password of this test's.
        var recorded = spans.All;
        Assert.Contains(recorded, span => span.Status == System.Diagnostics.ActivityStatusCode.Error);
        foreach (var (span, index) in recorded.Select((s, i) => (s, i)))
        {
            witness.Saw($"span {index} ({span.DisplayName})", span);
        }

        output.WriteLine($"Searched {witness.Count} outputs of the worker for {witness.Spellings.Count} spellings of the password.");
        witness.AssertNothingLeaked();
    }

    [Fact]
    public void The_witness_finds_the_password_written_plainly_or_percent_encoded()
    {
        var password = SecretLeakTests.NewPassword();
        foreach (var leaked in new[] { $"Password={password}", $"postgresql://postgres:{Uri.EscapeDataString(password)}@db/players" })
        {
            var witness = new SecretWitness(password);
            witness.Saw("a leaky line", leaked);

            Assert.ThrowsAny<Xunit.Sdk.XunitException>(witness.AssertNothingLeaked);
        }
    }
}
