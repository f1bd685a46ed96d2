using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;
using Players.Data;
using Players.Data.Migrating.Telemetry;

namespace Players.Tests.Worker;

/// <summary>
/// Records the spans of <c>Players.Migrations</c> while alive. Other tests migrate at the same time, so a test
/// picks its own root by database (<c>db.namespace</c>) and that root's children by trace.
/// </summary>
public sealed class SpanRecorder : IDisposable
{
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener;

    public SpanRecorder(params string[] otherSources)
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == MigrationTelemetry.SourceName || otherSources.Contains(source.Name),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public Activity Root(string databaseNamespace, string name = MigrationTelemetry.RootSpanName) =>
        Assert.Single(_stopped, activity => activity.OperationName == name
            && (string?)activity.GetTagItem("db.namespace") == databaseNamespace);

    /// <summary>The <c>db.namespace</c> the migrator tags its spans with: the SQLite file or the PostgreSQL database.</summary>
    public static string NamespaceOf(DatabaseTarget target) => target.Engine == DatabaseEngine.Sqlite
        ? new SqliteConnectionStringBuilder(target.ConnectionString).DataSource
        : new NpgsqlConnectionStringBuilder(target.ConnectionString).Database!;

    /// <summary>The roots named <paramref name="name"/> on one database, one per run, in the order they ended.</summary>
    public IReadOnlyList<Activity> Roots(string databaseNamespace, string name = MigrationTelemetry.RootSpanName) =>
        [.. _stopped.Where(activity => activity.OperationName == name && (string?)activity.GetTagItem("db.namespace") == databaseNamespace)];

    /// <summary>Every span of <paramref name="root"/>'s trace, the root included, however deep.</summary>
    public IReadOnlyList<Activity> TraceOf(Activity root) => [.. _stopped.Where(activity => activity.TraceId == root.TraceId)];

    /// <summary>Every span recorded so far, of this test and of the others running beside it.</summary>
    public IReadOnlyList<Activity> All => [.. _stopped];

    public IReadOnlyList<Activity> ChildrenOf(Activity root) =>
        [.. _stopped.Where(activity => activity.ParentSpanId == root.SpanId && activity.TraceId == root.TraceId).OrderBy(activity => activity.StartTimeUtc)];

    public void Dispose() => _listener.Dispose();
}
