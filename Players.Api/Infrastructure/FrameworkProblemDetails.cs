using Players.Api.Auth;

namespace Players.Api.Infrastructure;

/// <summary>
/// Gives the problem details the framework writes by itself (unknown route, wrong method, wrong content type, a
/// write refused by the bearer policy) a <c>detail</c> a person can act on, as the API's own problems have.
/// </summary>
public static class FrameworkProblemDetails
{
    public const string UnexpectedDetail = "An unexpected error occurred; it has been logged.";

    public static void AddDetail(ProblemDetailsContext context)
    {
        if (context.ProblemDetails.Detail is not null)
        {
            return;
        }

        var request = context.HttpContext.Request;
        context.ProblemDetails.Detail = context.ProblemDetails.Status switch
        {
            StatusCodes.Status401Unauthorized => ProtectedWrites.Unauthorized,
            StatusCodes.Status403Forbidden => ProtectedWrites.Forbidden,
            StatusCodes.Status404NotFound => $"Nothing answers {request.Method} {request.Path}; the routes are listed at /docs.",
            StatusCodes.Status405MethodNotAllowed =>
                $"{request.Path} does not answer {request.Method}; it answers {context.HttpContext.Response.Headers.Allow}.",
            StatusCodes.Status415UnsupportedMediaType =>
                $"The body must be JSON (Content-Type: application/json), not '{request.ContentType ?? "none"}'.",
            StatusCodes.Status500InternalServerError => UnexpectedDetail,
            _ => null,
        };
    }
}
