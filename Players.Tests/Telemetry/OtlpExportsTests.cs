using System.Diagnostics;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Players.Tests.Telemetry;

/// <summary>The OTLP decoding the other tests rely on, proven on exports the OpenTelemetry SDK itself sends.</summary>
[Trait("Tier", "Fast")]
public sealed class OtlpExportsTests
{
    private const string Service = "otlp-decoding-test";

    [Fact]
    public async Task A_known_error_span_and_an_error_log_sent_by_the_sdk_are_decoded_with_their_status_severity_and_attributes()
    {
        await using var receiver = new OtlpReceiver();
        var source = new ActivitySource($"{Service}.source");
        var resource = ResourceBuilder.CreateEmpty().AddService(Service);
        using (var tracing = Sdk.CreateTracerProviderBuilder()
                   .SetResourceBuilder(resource)
                   .AddSource(source.Name)
                   .AddOtlpExporter(Exporter(receiver, "v1/traces"))
                   .Build())
        {
            using (var failed = source.StartActivity("known failure"))
            {
                failed!.SetTag("db.statement", "SELECT 1");
                failed.SetStatus(ActivityStatusCode.Error, "it broke");
            }

            using (source.StartActivity("known success"))
            {
            }

            tracing.ForceFlush();
        }

        using (var logging = LoggerFactory.Create(builder =>
               {
                   builder.AddOpenTelemetry(options => options.IncludeFormattedMessage = true);
                   builder.Services.ConfigureOpenTelemetryLoggerProvider(logs => logs
                       .SetResourceBuilder(resource)
                       .AddOtlpExporter((exporter, processor) =>
                       {
                           Exporter(receiver, "v1/logs")(exporter);
                           processor.ExportProcessorType = ExportProcessorType.Simple;
                       }));
               }))
        {
            var logger = logging.CreateLogger("decoding");
            logger.LogError("the known error {Number}", 42);
            logger.LogInformation("an information");
        }

        var spans = receiver.Spans;
        var failure = Assert.Single(spans, span => span.Name == "known failure");
        Assert.Equal((Service, ExportedSpan.Error, "it broke", "SELECT 1"), (failure.Service, failure.StatusCode, failure.StatusMessage, failure.Attributes["db.statement"]));
        Assert.NotEqual(ExportedSpan.Error, Assert.Single(spans, span => span.Name == "known success").StatusCode);

        var logs = receiver.Logs;
        var error = Assert.Single(logs, log => log.IsErrorOrWorse);
        Assert.Equal((Service, 17), (error.Service, error.Severity));
        Assert.Contains("the known error 42", error.Body + string.Join(" ", error.Attributes.Values), StringComparison.Ordinal);
        Assert.Contains(logs, log => log.Severity == 9);
    }

    // A signal's own endpoint, set in code, is used as it is: it names the signal's path.
    private static Action<OtlpExporterOptions> Exporter(OtlpReceiver receiver, string signalPath) => options =>
    {
        options.Endpoint = new Uri(receiver.Endpoint, signalPath);
        options.Protocol = OtlpExportProtocol.HttpProtobuf;
        options.ExportProcessorType = ExportProcessorType.Simple;
    };
}
