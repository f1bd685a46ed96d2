namespace Players.Api.Players;

/// <summary>
/// Ready JSON bytes written as they are: the cached list needs no serializer, and none of the range and
/// validator handling of a file result, which a list that changes on every write cannot use.
/// </summary>
public sealed class JsonBytesResult(byte[] json) : IResult
{
    public const string ContentType = "application/json; charset=utf-8";

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.ContentType = ContentType;
        httpContext.Response.ContentLength = json.Length;
        return httpContext.Response.Body.WriteAsync(json).AsTask();
    }
}
