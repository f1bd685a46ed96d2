using System.Diagnostics;

namespace Players.Data.Migrating;

/// <summary>The spans of a migration run: a root <c>Migrating database</c> and one child per migration applied or reverted.</summary>
public static class MigrationTelemetry
{
    public const string SourceName = "Players.Migrations";
    public const string RootSpanName = "Migrating database";

    internal static readonly ActivitySource Source = new(SourceName);

    /// <summary>The root span, from connecting to the end of the run; <see cref="SetPlan"/> adds from and to once known.</summary>
    internal static Activity? StartRoot(DatabaseTarget target, MigrationCommand command)
    {
        var root = Source.StartActivity(RootSpanName, ActivityKind.Client).WithDatabase(target);
        root?.SetTag("migrations.command", command == MigrationCommand.Upgrade ? "upgrade" : "downgrade");
        return root;
    }

    /// <summary>Tags a root span with the engine (<c>db.system</c>) and the file or database name (<c>db.namespace</c>).</summary>
    internal static Activity? WithDatabase(this Activity? root, DatabaseTarget target)
    {
        root?.SetTag("db.system", target.Engine == DatabaseEngine.Sqlite ? "sqlite" : "postgresql");
        root?.SetTag("db.namespace", target.Engine == DatabaseEngine.Sqlite
            ? new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(target.ConnectionString).DataSource
            : new Npgsql.NpgsqlConnectionStringBuilder(target.ConnectionString).Database);
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
