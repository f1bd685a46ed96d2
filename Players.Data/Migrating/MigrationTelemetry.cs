using System.Diagnostics;

namespace Players.Data.Migrating;

/// <summary>
/// The spans of a migration run (a root <c>Migrating database</c> and one child per migration applied or reverted), of
/// <c>verify</c> (a root <c>Verifying migrations</c>) and of <c>check</c> (a root <c>Checking schema</c>).
/// </summary>
public static class MigrationTelemetry
{
    public const string SourceName = "Players.Migrations";
    public const string RootSpanName = "Migrating database";
    public const string VerifySpanName = "Verifying migrations";

    internal static readonly ActivitySource Source = new(SourceName);

    /// <summary>The root span, from connecting to the end of the run; <see cref="SetPlan"/> adds from and to once known.</summary>
    internal static Activity? StartRoot(DatabaseTarget target, MigrationCommand command) =>
        StartRoot(RootSpanName, target, command == MigrationCommand.Upgrade ? "upgrade" : "downgrade");

    /// <summary>The root span of <c>verify</c>; <see cref="SetVerified"/> adds <c>migrations.drifted</c>.</summary>
    internal static Activity? StartVerify(DatabaseTarget target) => StartRoot(VerifySpanName, target, "verify");

    /// <summary>How many applied migrations drifted; any drift is an error, as the exit code says.</summary>
    internal static void SetVerified(this Activity? root, Integrity.IntegrityReport report)
    {
        root?.SetTag("migrations.drifted", report.Drifted.Count);
        if (report.Drifted.Count > 0)
        {
            root?.SetStatus(ActivityStatusCode.Error, $"{report.Drifted.Count} applied migration(s) drifted");
        }
    }

    /// <summary>A root span of the worker's <paramref name="command"/>, tagged with the engine and the database.</summary>
    internal static Activity? StartRoot(string name, DatabaseTarget target, string command)
    {
        var root = Source.StartActivity(name, ActivityKind.Client);
        root?.SetTag("db.system", target.Engine == DatabaseEngine.Sqlite ? "sqlite" : "postgresql");
        root?.SetTag("db.namespace", target.Engine == DatabaseEngine.Sqlite
            ? new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(target.ConnectionString).DataSource
            : new Npgsql.NpgsqlConnectionStringBuilder(target.ConnectionString).Database);
        root?.SetTag("migrations.command", command);
        return root;
    }

    internal static void SetPlan(this Activity? root, MigrationPlan plan)
    {
        root?.SetTag("migrations.from", plan.From);
        root?.SetTag("migrations.to", plan.To);
    }

    internal static Activity? StartStep(Activity? root, MigrationCommand command, string migrationId) =>
        Source.StartActivity(
            $"{(command == MigrationCommand.Upgrade ? "apply" : "revert")} {migrationId}",
            ActivityKind.Internal,
            root?.Context ?? default);

    internal static void RecordFailure(this Activity? activity, Exception exception)
    {
        activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
        activity?.AddException(exception);
    }
}
