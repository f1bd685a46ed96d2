using System.Diagnostics;
using Players.Data;
using Players.Tests.Infrastructure;
using Players.Tests.Telemetry;

namespace Players.Tests.Worker;

/// <summary>
/// What the worker process exports over OTLP before it exits: every span of a run, flushed before the process ends.
/// Which spans and logs a clean and a failing run produce is <see cref="WorkerTelemetryRuleTests"/>'s, in process.
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
}

/// <summary>
/// The spans (with Npgsql's own) and the log of the worker's command run in process (<see cref="InProcessWorker"/>):
/// no error on a clean run, and the failing statement as Error spans and an Error log when a migration really fails.
/// </summary>
[Trait("Tier", "Fast")]
public sealed class WorkerTelemetryRuleTests
{
    [Theory]
    [InlineData(DatabaseEngine.Sqlite)]
    [InlineData(DatabaseEngine.PostgreSql)]
    public async Task A_clean_run_on_a_new_and_then_on_an_existing_database_exports_no_error_span_and_no_error_log(DatabaseEngine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        using var recorder = new SpanRecorder("Npgsql");

        var onNew = await InProcessWorker.RunAsync(database, "upgrade");
        var onExisting = await InProcessWorker.RunAsync(database, "upgrade");

        Assert.True(onNew.ExitCode == 0 && onExisting.ExitCode == 0, $"{onNew}\n{onExisting}");
        var roots = recorder.Roots(SpanRecorder.NamespaceOf(database.Target));
        Assert.Equal(2, roots.Count);
        var spans = roots.SelectMany(recorder.TraceOf).ToList();
        if (engine == DatabaseEngine.PostgreSql)
        {
            Assert.Contains(spans, span => span.Source.Name == "Npgsql" && StatementOf(span) != "");
        }

        Assert.DoesNotContain(spans, span => span.Status == ActivityStatusCode.Error);
        Assert.Empty(onNew.Errors);
        Assert.Empty(onExisting.Errors);
    }

    [Theory]
    [InlineData(DatabaseEngine.Sqlite)]
    [InlineData(DatabaseEngine.PostgreSql)]
    public async Task A_failing_migration_exports_its_failing_statement_in_an_error_log_and_error_spans(DatabaseEngine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        Assert.Equal(0, (await InProcessWorker.RunAsync(database, "upgrade", "CreatePlayersTable")).ExitCode);
        await database.AddUserPlayerAsync(squadNumber: 10);
        using var recorder = new SpanRecorder("Npgsql");

        var run = await InProcessWorker.RunAsync(database, "upgrade");

        Assert.True(run.ExitCode == 1, run.ToString());
        var root = recorder.Root(SpanRecorder.NamespaceOf(database.Target));
        var errorSpans = recorder.TraceOf(root).Where(span => span.Status == ActivityStatusCode.Error).ToList();
        Assert.Contains(errorSpans, span => span.DisplayName == "Migrating database");
        Assert.Contains(errorSpans, span => span.DisplayName == $"apply {Migrations.SeedStartingEleven}"
            && (span.StatusDescription ?? "").Contains("squad number 10 is held by Diego Maradona", StringComparison.Ordinal));
        if (engine == DatabaseEngine.PostgreSql)
        {
            // Npgsql's own span of the statement that failed, under the migration's.
            Assert.Contains(errorSpans, span => StatementOf(span).Contains("RAISE EXCEPTION 'Cannot seed players", StringComparison.Ordinal));
        }

        Assert.Contains(run.Errors, message => message.Contains("Failed executing DbCommand", StringComparison.Ordinal)
            && message.Contains("Cannot seed players", StringComparison.Ordinal));
    }

    private static string StatementOf(Activity span) =>
        span.GetTagItem("db.query.text") as string ?? span.GetTagItem("db.statement") as string ?? "";
}
