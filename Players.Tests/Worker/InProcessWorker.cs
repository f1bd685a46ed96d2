using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Players.Data;
using Players.MigrationService;
using Players.Tests.Infrastructure;

namespace Players.Tests.Worker;

/// <summary>
/// The worker's whole command (<see cref="MigrationWorker.RunAsync"/>) in this process: the configuration the process
/// would read from its environment, command output captured as its stdout, and its log (through the worker's own
/// filters) as its stderr — the exit code and output of the real program without the start of a process.
/// <see cref="WorkerProcess"/> remains for what only a process shows (exit, streams, flushing, kills, races).
/// </summary>
public static class InProcessWorker
{
    public static async Task<WorkerRun> RunAsync(TestDatabase database, params string[] arguments)
    {
        var (exitCode, output, log, _) = await RunCoreAsync(database.Url, new Dictionary<string, string>(), arguments);
        return new WorkerRun(exitCode, output, log);
    }

    public static Task<ProcessRun> RunAsync(string databaseUrl, params string[] arguments) =>
        RunAsync(databaseUrl, new Dictionary<string, string>(), arguments);

    /// <summary>The run in the shape of <see cref="WorkerProcess"/>'s, every log line as the process prints it on stderr.</summary>
    /// <param name="environment">Settings named as environment variables (<c>Players__Migrations__Target</c>).</param>
    public static async Task<ProcessRun> RunAsync(string databaseUrl, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var (exitCode, output, log, elapsed) = await RunCoreAsync(databaseUrl, environment, arguments);
        var errors = string.Concat(log.Select(record =>
            $"{record.Level}: {record.Category} {record.Message}{(record.Exception is null ? "" : $"\n{record.Exception}")}\n"));
        return new ProcessRun(exitCode, output, errors, elapsed);
    }

    private static async Task<(int ExitCode, string Output, IReadOnlyList<FakeLogRecord> Log, TimeSpan Elapsed)> RunCoreAsync(
        string databaseUrl, IReadOnlyDictionary<string, string> environment, string[] arguments)
    {
        var settings = environment.ToDictionary(setting => setting.Key.Replace("__", ":", StringComparison.Ordinal), setting => (string?)setting.Value);
        settings[DatabaseSelection.DatabaseUrlKey] = databaseUrl;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var log = new FakeLogCollector();
        // As the process's host does: the Logging section first (Logging__LogLevel__Default), then the worker's filters.
        using var loggerFactory = LoggerFactory.Create(logging => logging
            .AddConfiguration(configuration.GetSection("Logging"))
            .AddWorkerLogFilters()
            .AddProvider(new FakeLoggerProvider(log)));
        var output = new StringWriter();
        using var deadline = new CancellationTokenSource(WorkerProcess.DefaultTimeout);
        var elapsed = Stopwatch.StartNew();

        var exitCode = await new MigrationWorker(configuration, loggerFactory).RunAsync(arguments, output, deadline.Token);

        return (exitCode, output.ToString(), log.GetSnapshot(), elapsed.Elapsed);
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
