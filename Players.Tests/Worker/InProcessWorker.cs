using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Players.Data;
using Players.MigrationService;
using Players.Tests.Infrastructure;

namespace Players.Tests.Worker;

/// <summary>
/// The worker's whole command (<see cref="MigrationWorker.RunAsync"/>) in this process, configured only by the
/// database's URL: the exit code and output of the real program without the start of a process.
/// </summary>
public static class InProcessWorker
{
    public static async Task<WorkerRun> RunAsync(TestDatabase database, params string[] arguments)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [DatabaseSelection.DatabaseUrlKey] = database.Url })
            .Build();
        var logs = new FakeLogCollector();
        using var loggerFactory = LoggerFactory.Create(logging => logging.AddProvider(new FakeLoggerProvider(logs)));
        var output = new StringWriter();

        var exitCode = await new MigrationWorker(configuration, loggerFactory).RunAsync(arguments, output, CancellationToken.None);

        return new WorkerRun(exitCode, output.ToString(), logs.GetSnapshot());
    }
}

/// <summary>What one in-process worker run left: its exit code, its stdout, and its log.</summary>
public sealed record WorkerRun(int ExitCode, string Output, IReadOnlyList<FakeLogRecord> Log)
{
    /// <summary>The messages logged at Error, as the process would print them on stderr.</summary>
    public IReadOnlyList<string> Errors => [.. Log.Where(record => record.Level >= LogLevel.Error).Select(record => record.Message)];

    public override string ToString() =>
        $"exit {ExitCode}\nstdout:\n{Output}\nlog:\n{string.Join('\n', Log.Select(record => $"{record.Level}: {record.Message}"))}";
}
