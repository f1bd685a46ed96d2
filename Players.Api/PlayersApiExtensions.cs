using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry.Metrics;
using Players.Api.Auth;
using Players.Api.Changes;
using Players.Api.Database;
using Players.Api.Infrastructure;
using Players.Api.Players;
using Players.Data.Migrating;

namespace Players.Api;

/// <summary>The API's composition: services in <see cref="AddPlayersApi"/>, middleware in <see cref="UsePlayersApi"/>.</summary>
public static class PlayersApiExtensions
{
    public static WebApplicationBuilder AddPlayersApi(this WebApplicationBuilder builder)
    {
        var target = builder.AddPlayersDbContext();
        builder.Services.AddSingleton(DatabaseStartup.Settings.From(builder.Configuration, target));
        builder.Services.AddPlayersMigrator();
        var writes = builder.AddProtectedWrites();

        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, PlayersJsonContext.Default));
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = FrameworkProblemDetails.AddDetail);
        builder.Services.AddExceptionHandler<DatabaseFaultHandler>();
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseReachableCheck>(DatabaseReachableCheck.Name)
            .AddCheck<SchemaCurrentCheck>(SchemaCurrentCheck.Name);

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<PlayersApiMetrics>();
        builder.Services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddMeter(PlayersApiMetrics.MeterName));
        builder.Services.AddSingleton<PlayerListCache>();
        builder.Services.AddPlayerChanges(target, builder.Configuration);
        builder.Services.AddSingleton<PlayerQueries>();
        builder.AddWriteRateLimiting();
        builder.Services.AddPlayersOpenApi(writes);
        return builder;
    }

    public static WebApplication UsePlayersApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        // Framework answers without a body (404 unknown route, 405, 401 and 403 from the write policy) get problem details too.
        app.UseStatusCodePages();
        // Every request is authenticated, reads too: WebApplication adds authentication to the main pipeline itself
        // unless it is called there, so a branch for writes alone would not keep it off reads. Reads carry no policy,
        // so a missing or invalid token on one is ignored; here, it runs inside the exception and status-code handlers.
        app.UseAuthentication();
        // After authentication, so that a token's subject is its partition; before authorization, so that refused
        // writes count too and an anonymous flood meets 429 like any other.
        app.UseRateLimiter();
        app.UseAuthorization();
        return app;
    }
}
