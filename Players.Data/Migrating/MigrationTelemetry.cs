using System.Diagnostics;

namespace Players.Data.Migrating;

/// <summary>The spans of a migration run: a root <c>Migrating database</c> and one child per migration applied or reverted.</summary>
public static class MigrationTelemetry
{
    public const string SourceName = "Players.Migrations";
    public const string RootSpanName = "Migrating database";

    internal static readonly ActivitySource Source = new(SourceName);

    internal static Activity? StartRoot(DatabaseTarget target, MigrationPlan plan)
    {
        var root = Source.StartActivity(RootSpanName, ActivityKind.Client);
        root?.SetTag("db.system", target.Engine == DatabaseEngine.Sqlite ? "sqlite" : "postgresql");
        root?.SetTag("db.namespace", target.Engine == DatabaseEngine.Sqlite
            ? new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(target.ConnectionString).DataSource
            : new Npgsql.NpgsqlConnectionStringBuilder(target.ConnectionString).Database);
        root?.SetTag("migrations.command", plan.Command == MigrationCommand.Upgrade ? "upgrade" : "downgrade");
        root?.SetTag("migrations.from", plan.From);
        root?.SetTag("migrations.to", plan.To);
        return root;
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
