using System.Diagnostics;
using Players.Data.Migrating.Engines;
using Players.Data.Migrating.Integrity;
using Players.Data.Migrating.Planning;

namespace Players.Data.Migrating.Telemetry;

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
    internal static Activity? StartRoot(MigrationEngine engine, MigrationCommand command) =>
        StartRoot(RootSpanName, engine, command == MigrationCommand.Upgrade ? "upgrade" : "downgrade");

    /// <summary>The root span of <c>verify</c>; <see cref="SetVerified"/> adds <c>migrations.drifted</c>.</summary>
    internal static Activity? StartVerify(MigrationEngine engine) => StartRoot(VerifySpanName, engine, "verify");

    /// <summary>How many applied migrations drifted; any drift is an error, as the exit code says.</summary>
    internal static void SetVerified(this Activity? root, IntegrityReport report)
    {
        root?.SetTag("migrations.drifted", report.Drifted.Count);
        if (report.Drifted.Count > 0)
        {
            root?.SetStatus(ActivityStatusCode.Error, $"{report.Drifted.Count} applied migration(s) drifted");
        }
    }

    /// <summary>A root span of the worker's <paramref name="command"/>, tagged with the engine and the database.</summary>
    internal static Activity? StartRoot(string name, MigrationEngine engine, string command)
    {
        var root = Source.StartActivity(name, ActivityKind.Client);
        root?.SetTag("db.system", engine.SystemName);
        root?.SetTag("db.namespace", engine.Namespace);
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
