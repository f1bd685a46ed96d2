using System.Net.Http.Headers;

namespace Players.Tests.Reliability;

/// <summary>One hostile request and the one status it must get. <see cref="ToString"/> names the row in test output.</summary>
public sealed record BadInput(string Name, string Method, string Path, string? ContentType, byte[]? Body, int ExpectedStatus)
{
    public HttpRequestMessage ToRequest()
    {
        var request = new HttpRequestMessage(new HttpMethod(Method), Path);
        if (Body is not null)
        {
            request.Content = new ByteArrayContent(Body);
            if (ContentType is not null)
            {
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(ContentType);
            }
        }

        return request;
    }

    public override string ToString() => $"{Name}: {Method} {Path} → {ExpectedStatus}";
}
