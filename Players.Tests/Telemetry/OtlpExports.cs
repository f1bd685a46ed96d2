using Google.Protobuf;

namespace Players.Tests.Telemetry;

/// <summary>A span as an OTLP trace export carries it: the service that sent it, its name, status and attributes.</summary>
/// <param name="StatusCode">0 unset, 1 ok, 2 error (OTLP's <c>Status.StatusCode</c>).</param>
public sealed record ExportedSpan(string Service, string Name, int StatusCode, string StatusMessage, IReadOnlyDictionary<string, string> Attributes)
{
    public const int Error = 2;

    public override string ToString() => $"{Service}: {Name} (status {StatusCode} {StatusMessage})";
}

/// <summary>A log record as an OTLP logs export carries it.</summary>
/// <param name="Severity">OTLP's <c>SeverityNumber</c>: 9–12 info, 13–16 warn, 17–20 error, 21–24 fatal.</param>
public sealed record ExportedLog(string Service, int Severity, string Body, IReadOnlyDictionary<string, string> Attributes)
{
    public const int FirstError = 17;

    public bool IsErrorOrWorse => Severity >= FirstError;

    public override string ToString() => $"{Service}: severity {Severity} {Body}";
}

/// <summary>
/// Decodes the parts of <c>ExportTraceServiceRequest</c> and <c>ExportLogsServiceRequest</c> (opentelemetry-proto) the
/// tests read, by field number, with Google.Protobuf's wire reader (<see cref="CodedInputStream"/>; the generated
/// OpenTelemetry.Proto classes are not served): resource → scope → spans or log records, with string attributes.
/// Unknown fields are skipped, as protobuf readers do.
/// </summary>
public static class OtlpExports
{
    public static IEnumerable<ExportedSpan> Spans(byte[] traceExport)
    {
        var spans = new List<ExportedSpan>();
        ForEachResource(traceExport, (service, scopes) => ForEachInScopes(scopes, span => spans.Add(ReadSpan(service, span))));
        return spans;
    }

    public static IEnumerable<ExportedLog> Logs(byte[] logsExport)
    {
        var logs = new List<ExportedLog>();
        ForEachResource(logsExport, (service, scopes) => ForEachInScopes(scopes, record => logs.Add(ReadLog(service, record))));
        return logs;
    }

    // Export*ServiceRequest: 1 resource spans or resource logs. ResourceSpans / ResourceLogs: 1 resource, 2 scope
    // spans or scope logs.
    private static void ForEachResource(byte[] export, Action<string, List<byte[]>> onResource)
    {
        foreach (var resource in ReadRepeated(export, 1))
        {
            var service = "";
            var scopes = new List<byte[]>();
            ReadFields(resource, (field, input) =>
            {
                switch (field)
                {
                    case 1:
                        service = Attributes(ReadRepeated(input.ReadBytes().ToByteArray(), 1)).GetValueOrDefault("service.name", "");
                        return true;
                    case 2:
                        scopes.Add(input.ReadBytes().ToByteArray());
                        return true;
                    default:
                        return false;
                }
            });

            onResource(service, scopes);
        }
    }

    // ScopeSpans / ScopeLogs: 2 spans or log records.
    private static void ForEachInScopes(List<byte[]> scopes, Action<byte[]> onItem)
    {
        foreach (var scope in scopes)
        {
            foreach (var item in ReadRepeated(scope, 2))
            {
                onItem(item);
            }
        }
    }

    // Span: 5 name, 9 attributes, 15 status (2 message, 3 code).
    private static ExportedSpan ReadSpan(string service, byte[] span)
    {
        string name = "", message = "";
        var code = 0;
        var attributes = new List<byte[]>();
        ReadFields(span, (field, input) =>
        {
            switch (field)
            {
                case 5:
                    name = input.ReadString();
                    return true;
                case 9:
                    attributes.Add(input.ReadBytes().ToByteArray());
                    return true;
                case 15:
                    ReadFields(input.ReadBytes().ToByteArray(), (statusField, status) =>
                    {
                        switch (statusField)
                        {
                            case 2:
                                message = status.ReadString();
                                return true;
                            case 3:
                                code = status.ReadEnum();
                                return true;
                            default:
                                return false;
                        }
                    });
                    return true;
                default:
                    return false;
            }
        });

        return new ExportedSpan(service, name, code, message, Attributes(attributes));
    }

    // LogRecord: 2 severity number, 5 body (AnyValue), 6 attributes.
    private static ExportedLog ReadLog(string service, byte[] record)
    {
        var severity = 0;
        var body = "";
        var attributes = new List<byte[]>();
        ReadFields(record, (field, input) =>
        {
            switch (field)
            {
                case 2:
                    severity = input.ReadEnum();
                    return true;
                case 5:
                    body = AnyValueText(input.ReadBytes().ToByteArray());
                    return true;
                case 6:
                    attributes.Add(input.ReadBytes().ToByteArray());
                    return true;
                default:
                    return false;
            }
        });

        return new ExportedLog(service, severity, body, Attributes(attributes));
    }

    // KeyValue: 1 key, 2 value (AnyValue).
    private static Dictionary<string, string> Attributes(IEnumerable<byte[]> keyValues)
    {
        var attributes = new Dictionary<string, string>();
        foreach (var keyValue in keyValues)
        {
            string key = "", value = "";
            ReadFields(keyValue, (field, input) =>
            {
                switch (field)
                {
                    case 1:
                        key = input.ReadString();
                        return true;
                    case 2:
                        value = AnyValueText(input.ReadBytes().ToByteArray());
                        return true;
                    default:
                        return false;
                }
            });

            attributes[key] = value;
        }

        return attributes;
    }

    // AnyValue: 1 string, 2 bool, 3 int; other kinds are not read here.
    private static string AnyValueText(byte[] anyValue)
    {
        var text = "";
        ReadFields(anyValue, (field, input) =>
        {
            switch (field)
            {
                case 1:
                    text = input.ReadString();
                    return true;
                case 2:
                    text = input.ReadBool() ? "true" : "false";
                    return true;
                case 3:
                    text = input.ReadInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
                    return true;
                default:
                    return false;
            }
        });

        return text;
    }

    private static List<byte[]> ReadRepeated(byte[] message, int fieldNumber)
    {
        var items = new List<byte[]>();
        ReadFields(message, (field, input) =>
        {
            if (field != fieldNumber)
            {
                return false;
            }

            items.Add(input.ReadBytes().ToByteArray());
            return true;
        });

        return items;
    }

    /// <summary>Calls <paramref name="onField"/> for each field of <paramref name="message"/>; a field it did not read (false) is skipped.</summary>
    private static void ReadFields(byte[] message, Func<int, CodedInputStream, bool> onField)
    {
        var input = new CodedInputStream(message);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (!onField(WireFormat.GetTagFieldNumber(tag), input))
            {
                input.SkipLastField();
            }
        }
    }
}
