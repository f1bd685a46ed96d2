using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Players.Api.Players;

/// <summary>
/// Reads a request body as JSON without binding it to a type, so that only a body that is not JSON at all is a
/// 400; everything that parses goes on to field-by-field validation (422).
/// </summary>
public static class JsonRequestBody
{
    public const int MaxBytes = 64 * 1024;
    public const int MaxDepth = 64;

    /// <summary>The parsed body, or the problem to answer: 415 not JSON, 413 too large, 400 not valid UTF-8 JSON.</summary>
    public static async Task<(JsonDocument? Body, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!IsJson(request.ContentType))
        {
            return (null, Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported Media Type",
                $"The body must be JSON (Content-Type: application/json), not '{request.ContentType ?? "none"}'."));
        }

        if (request.ContentLength > MaxBytes)
        {
            return (null, TooLarge());
        }

        var bytes = await ReadAtMostAsync(request.Body, MaxBytes + 1, cancellationToken);
        if (bytes.Length > MaxBytes)
        {
            return (null, TooLarge());
        }

        if (!Utf8.IsValid(bytes))
        {
            return (null, Problem(StatusCodes.Status400BadRequest, "Bad Request", "The body is not valid UTF-8."));
        }

        try
        {
            return (JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = MaxDepth }), null);
        }
        catch (JsonException error)
        {
            return (null, Problem(StatusCodes.Status400BadRequest, "Bad Request",
                $"The body is not valid JSON: {error.Message}"));
        }
    }

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
        && (mediaType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (mediaType.Type.Equals("application", StringComparison.OrdinalIgnoreCase)
                && mediaType.SubType.EndsWith("+json", StringComparison.OrdinalIgnoreCase)));

    private static async Task<byte[]> ReadAtMostAsync(Stream body, int limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while (buffer.Length < limit && (read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static ProblemHttpResult TooLarge() =>
        Problem(StatusCodes.Status413PayloadTooLarge, "Payload Too Large", $"The body is larger than {MaxBytes / 1024} KiB.");

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title);
}
