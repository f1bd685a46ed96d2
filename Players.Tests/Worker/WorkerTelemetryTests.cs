using Players.Data;
using Players.Tests.Infrastructure;
using Players.Tests.Telemetry;

namespace Players.Tests.Worker;

/// <summary>
/// What the worker process exports over OTLP before it exits: every span of a run, no error on a clean run, and the
/// failing statement as an Error span and an Error log when a migration really fails.
/// </summary>
[Trait("Tier", "Process")]
public sealed class WorkerTelemetryTests
{
    [Fact]
    public async Task The_worker_flushes_its_spans_to_the_otlp_endpoint_before_exiting()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseEngine.Sqlite);
        await using var receiver = new OtlpReceiver();

        var run = await WorkerProcess.RunAsync(database.Url, receiver.ExporterEnvironment, "upgrade");

        Assert.True(run.ExitCode == 0, run.ToString());
        var names = receiver.Spans.Select(span => span.Name).ToList();
        Assert.Contains("Migrating database", names);
        Assert.All(Migrations.All, id => Assert.Contains($"apply {id}", names));
    }

    [Theory]
    [InlineData(DatabaseEngine.Sqlite)]
    [InlineData(DatabaseEngine.PostgreSql)]
    public async Task A_clean_run_on_a_new_and_then_on_an_existing_database_exports_no_error_span_and_no_error_log(DatabaseEngine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await using var receiver = new OtlpReceiver();

        var onNew = await WorkerProcess.RunAsync(database.Url, receiver.ExporterEnvironment, "upgrade");
        var onExisting = await WorkerProcess.RunAsync(database.Url, receiver.ExporterEnvironment, "upgrade");

        Assert.True(onNew.ExitCode == 0 && onExisting.ExitCode == 0, $"{onNew}\n{onExisting}");
        var spans = receiver.Spans;
        Assert.Contains(spans, span => span.Name == "Migrating database");
        if (engine == DatabaseEngine.PostgreSql)
        {
            Assert.Contains(spans, span => span.Attributes.ContainsKey("db.statement") || span.Attributes.ContainsKey("db.query.text"));
        }

        Assert.DoesNotContain(spans, span => span.StatusCode == ExportedSpan.Error);
        Assert.DoesNotContain(receiver.Logs, log => log.IsErrorOrWorse);
        Assert.DoesNotContain("fail:", onNew.Errors + onExisting.Errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DatabaseEngine.Sqlite)]
    [InlineData(DatabaseEngine.PostgreSql)]
    public async Task A_failing_migration_exports_its_failing_statement_in_an_error_log_and_error_spans(DatabaseEngine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await WorkerProcess.RunAsync(database.Url, "upgrade", "CreatePlayersTable");
        await database.AddUserPlayerAsync(squadNumber: 10);
        await using var receiver = new OtlpReceiver();

        var run = await WorkerProcess.RunAsync(database.Url, receiver.ExporterEnvironment, "upgrade");

        Assert.True(run.ExitCode == 1, run.ToString());
        var errorSpans = receiver.Spans.Where(span => span.StatusCode == ExportedSpan.Error).ToList();
        Assert.Contains(errorSpans, span => span.Name == "Migrating database");
        Assert.Contains(errorSpans, span => span.Name == $"apply {Migrations.SeedStartingEleven}"
            && span.StatusMessage.Contains("squad number 10 is held by Diego Maradona", StringComparison.Ordinal));
        if (engine == DatabaseEngine.PostgreSql)
        {
            // Npgsql's own span of the statement that failed, under the migration's.
            Assert.Contains(errorSpans, span => StatementOf(span).Contains("RAISE EXCEPTION 'Cannot seed players", StringComparison.Ordinal));
        }

        var errorLogs = receiver.Logs.Where(log => log.IsErrorOrWorse).ToList();
        Assert.Contains(errorLogs, log => log.Body.Contains("Failed executing DbCommand", StringComparison.Ordinal)
            && log.Body.Contains("Cannot seed players", StringComparison.Ordinal));
    }

    private static string StatementOf(ExportedSpan span) =>
        span.Attributes.GetValueOrDefault("db.query.text") ?? span.Attributes.GetValueOrDefault("db.statement") ?? "";
}
