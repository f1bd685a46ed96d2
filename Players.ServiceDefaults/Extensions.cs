using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// What every Players service shares: OpenTelemetry, health checks, service discovery and resilience.
/// Usable from a web app and from a worker on the generic host.
/// </summary>
public static class Extensions
{
    public const string HealthEndpointPath = "/health";
    public const string AlivenessEndpointPath = "/alive";
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";
    private const string LiveTag = "live";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();

        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });

        return builder;
    }

    /// <summary>
    /// Logs, metrics and traces through OpenTelemetry, exported over OTLP, when an endpoint is named
    /// (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, which the AppHost sets). Without one nothing is registered: the SDK would
    /// record every request only to drop it (measured in bench/README.md), and an exporter would stall shutdown while
    /// it retried.
    /// </summary>
    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointKey]))
        {
            return builder;
        }

        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation())
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName)
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !IsHealthRequest(context.Request.Path))
                .AddHttpClientInstrumentation())
            .UseOtlpExporter();
        builder.Services.AddHostedService<TelemetryFlushWhenStopped>();

        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);

        return builder;
    }

    /// <summary>
    /// Maps <c>/alive</c> (the process answers) and <c>/health</c> (every registered check) in every environment:
    /// 200 <c>{"status":"ok"}</c>; 200 <c>{"status":"degraded","detail":…}</c> naming each degraded check (the service
    /// answers, with less than its best); or 503 problem details naming each failing check.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks(HealthEndpointPath, new HealthCheckOptions { ResponseWriter = WriteHealthResponse });
        app.MapHealthChecks(AlivenessEndpointPath, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(LiveTag),
            ResponseWriter = WriteHealthResponse,
        });

        return app;
    }

    private static bool IsHealthRequest(PathString path) =>
        path.StartsWithSegments(HealthEndpointPath) || path.StartsWithSegments(AlivenessEndpointPath);

    private static Task WriteHealthResponse(HttpContext context, HealthReport report) => report.Status switch
    {
        HealthStatus.Healthy => context.Response.WriteAsJsonAsync(new { status = "ok" }),
        HealthStatus.Degraded => context.Response.WriteAsJsonAsync(new { status = "degraded", detail = $"Degraded checks: {Describe(report, HealthStatus.Degraded)}" }),
        _ => Results.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Service Unavailable",
                detail: $"Unhealthy checks: {Describe(report, HealthStatus.Unhealthy)}")
            .ExecuteAsync(context),
    };

    private static string Describe(HealthReport report, HealthStatus status) => string.Join("; ", report.Entries
        .Where(entry => entry.Value.Status == status)
        .Select(entry => $"{entry.Key}: {entry.Value.Description ?? entry.Value.Exception?.GetType().Name ?? status.ToString().ToLowerInvariant()}"));

    /// <summary>
    /// Exports every span, log record and metric still buffered once the host has stopped (requests drained, the
    /// worker's run done) and before it is disposed: the exporters send through clients of the host's HTTP client
    /// factory, and a batch still queued when the factory goes was seen lost. A SIGTERM or Ctrl+C stop takes this
    /// path too, within <see cref="FlushBudgetMilliseconds"/> for all three.
    /// </summary>
    private sealed class TelemetryFlushWhenStopped(IHostApplicationLifetime lifetime, IServiceProvider services) : IHostedService
    {
        private const int FlushBudgetMilliseconds = 5000;

        public Task StartAsync(CancellationToken cancellationToken)
        {
            lifetime.ApplicationStopped.Register(Flush);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        private void Flush()
        {
            var elapsed = Stopwatch.StartNew();
            int Remaining() => Math.Max(0, FlushBudgetMilliseconds - (int)elapsed.ElapsedMilliseconds);
            services.GetService<TracerProvider>()?.ForceFlush(Remaining());
            services.GetService<LoggerProvider>()?.ForceFlush(Remaining());
            services.GetService<MeterProvider>()?.ForceFlush(Remaining());
        }
    }
}
