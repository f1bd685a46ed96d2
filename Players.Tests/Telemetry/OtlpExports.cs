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
/// tests read, by field number: resource → scope → spans or log records, with string attributes.
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

    // ResourceSpans / ResourceLogs: 1 resource, 2 scope spans or scope logs.
    private static void ForEachResource(byte[] export, Action<string, List<byte[]>> onResource)
    {
        var reader = new ProtobufReader(export);
        while (reader.TryReadField(out var field))
        {
            if (field != 1)
            {
                reader.Skip();
                continue;
            }

            var resourceReader = new ProtobufReader(reader.ReadBytes());
            var service = "";
            var scopes = new List<byte[]>();
            while (resourceReader.TryReadField(out var resourceField))
            {
                switch (resourceField)
                {
                    case 1:
                        service = Attributes(ReadRepeated(resourceReader.ReadBytes(), 1)).GetValueOrDefault("service.name", "");
                        break;
                    case 2:
                        scopes.Add(resourceReader.ReadBytes().ToArray());
                        break;
                    default:
                        resourceReader.Skip();
                        break;
                }
            }

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
        var reader = new ProtobufReader(span);
        string name = "", message = "";
        var code = 0;
        var attributes = new List<byte[]>();
        while (reader.TryReadField(out var field))
        {
            switch (field)
            {
                case 5:
                    name = reader.ReadString();
                    break;
                case 9:
                    attributes.Add(reader.ReadBytes().ToArray());
                    break;
                case 15:
                    var status = new ProtobufReader(reader.ReadBytes());
                    while (status.TryReadField(out var statusField))
                    {
                        switch (statusField)
                        {
                            case 2:
                                message = status.ReadString();
                                break;
                            case 3:
                                code = (int)status.ReadVarint();
                                break;
                            default:
                                status.Skip();
                                break;
                        }
                    }

                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new ExportedSpan(service, name, code, message, Attributes(attributes));
    }

    // LogRecord: 2 severity number, 5 body (AnyValue), 6 attributes.
    private static ExportedLog ReadLog(string service, byte[] record)
    {
        var reader = new ProtobufReader(record);
        var severity = 0;
        var body = "";
        var attributes = new List<byte[]>();
        while (reader.TryReadField(out var field))
        {
            switch (field)
            {
                case 2:
                    severity = (int)reader.ReadVarint();
                    break;
                case 5:
                    body = AnyValueText(reader.ReadBytes());
                    break;
                case 6:
                    attributes.Add(reader.ReadBytes().ToArray());
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new ExportedLog(service, severity, body, Attributes(attributes));
    }

    // KeyValue: 1 key, 2 value (AnyValue).
    private static Dictionary<string, string> Attributes(IEnumerable<byte[]> keyValues)
    {
        var attributes = new Dictionary<string, string>();
        foreach (var keyValue in keyValues)
        {
            var reader = new ProtobufReader(keyValue);
            string key = "", value = "";
            while (reader.TryReadField(out var field))
            {
                switch (field)
                {
                    case 1:
                        key = reader.ReadString();
                        break;
                    case 2:
                        value = AnyValueText(reader.ReadBytes());
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }

            attributes[key] = value;
        }

        return attributes;
    }

    // AnyValue: 1 string, 2 bool, 3 int; other kinds are not read here.
    private static string AnyValueText(ReadOnlySpan<byte> anyValue)
    {
        var reader = new ProtobufReader(anyValue);
        while (reader.TryReadField(out var field))
        {
            switch (field)
            {
                case 1:
                    return reader.ReadString();
                case 2:
                    return reader.ReadVarint() != 0 ? "true" : "false";
                case 3:
                    return ((long)reader.ReadVarint()).ToString(System.Globalization.CultureInfo.InvariantCulture);
                default:
                    reader.Skip();
                    break;
            }
        }

        return "";
    }

    private static List<byte[]> ReadRepeated(ReadOnlySpan<byte> message, int fieldNumber)
    {
        var items = new List<byte[]>();
        var reader = new ProtobufReader(message);
        while (reader.TryReadField(out var field))
        {
            if (field == fieldNumber)
            {
                items.Add(reader.ReadBytes().ToArray());
            }
            else
            {
                reader.Skip();
            }
        }

        return items;
    }
}
