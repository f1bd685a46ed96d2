using Microsoft.EntityFrameworkCore;
using Npgsql;
using Players.Data;
using Players.Data.CompiledModels;

namespace Players.Api.Database;

/// <summary>The API's registration of <see cref="PlayersDbContext"/>; the worker migrates through the migrator's own contexts.</summary>
internal static class PlayersDatabaseRegistration
{
    /// <summary>How long one unit of work may keep retrying transient failures before it gives up.</summary>
    public static readonly TimeSpan DefaultRetryBudget = TimeSpan.FromSeconds(2);

    public const int CommandTimeoutSeconds = 15;

    /// <summary>Overrides <see cref="CommandTimeoutSeconds"/>, so that a test can prove the timeout without waiting 15 s.</summary>
    public const string CommandTimeoutKey = "Players:Database:CommandTimeoutSeconds";

    /// <summary>The OpenTelemetry exporter's endpoint, which the service defaults also read: telemetry only where it is exported.</summary>
    private const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// Resolves the database by the selection rule and registers a pooled <see cref="PlayersDbContext"/> for it, on
    /// the provider's compiled model (no model building at the first request);
    /// PostgreSQL is enriched by Aspire's Npgsql integration (retries, timeout; tracing and metrics when exported).
    /// Returns the target, which is also registered as a singleton.
    /// </summary>
    /// <exception cref="DatabaseConfigurationException">The configured database cannot be used.</exception>
    public static DatabaseTarget AddPlayersDbContext(this IHostApplicationBuilder builder, TimeSpan? retryBudget = null)
    {
        var target = DatabaseSelection.Resolve(builder.Configuration);
        var budget = retryBudget ?? DefaultRetryBudget;
        var commandTimeout = CommandTimeout(builder.Configuration);
        builder.Services.AddSingleton(target);

        switch (target.Engine)
        {
            case DatabaseEngine.Sqlite:
                // SQLite has no transient network failures to retry; lock waits happen inside the command timeout.
                builder.Services.AddDbContextPool<PlayersDbContext>(options => options.UseSqlite(
                        target.ConnectionString,
                        sqlite => sqlite.CommandTimeout(commandTimeout))
                    .UseModel(PlayersCompiledModels.For(DatabaseEngine.Sqlite)));
                break;

            case DatabaseEngine.PostgreSql:
                // One data source the process owns, so that a schema change can clear its pool (NpgsqlDataSource.Clear).
                builder.Services.AddNpgsqlDataSource(PooledPostgresConnections.ConnectionString(target.ConnectionString, builder.Configuration));
                builder.Services.AddDbContextPool<PlayersDbContext>((services, options) => options.UseNpgsql(
                    services.GetRequiredService<NpgsqlDataSource>(),
                    npgsql => npgsql
                        .CommandTimeout(commandTimeout)
                        .ExecutionStrategy(dependencies => new BudgetedNpgsqlRetryingExecutionStrategy(dependencies, budget)))
                    .UseModel(PlayersCompiledModels.For(DatabaseEngine.PostgreSql)));

                // Enrich keeps a strategy derived from NpgsqlRetryingExecutionStrategy (ours, with its time budget)
                // instead of its default of six retries over about a minute. The health checks are the caller's,
                // the same on both engines. Npgsql's spans and metrics, like the service defaults' telemetry, only
                // where a collector receives them: otherwise every command would record them to drop them.
                var exported = !string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointKey]);
                builder.EnrichNpgsqlDbContext<PlayersDbContext>(settings =>
                {
                    settings.DisableHealthChecks = true;
                    settings.DisableTracing = !exported;
                    settings.DisableMetrics = !exported;
                });
                break;

            default:
                throw new ArgumentOutOfRangeException(nameof(builder), target.Engine, "Unknown database engine.");
        }

        return target;
    }

    private static int CommandTimeout(IConfiguration configuration) =>
        WholeNumberSetting.Read(configuration, CommandTimeoutKey, CommandTimeoutSeconds, "seconds");
}
