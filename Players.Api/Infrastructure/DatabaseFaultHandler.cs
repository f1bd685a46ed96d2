using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;

namespace Players.Api.Infrastructure;

/// <summary>
/// Answers a database failure for what it is (<see cref="DatabaseFaults"/>): 503 when the database cannot serve now
/// or its schema is behind this build, and 500 for any other fault, logged at Error with the trace id that its
/// problem details carry. No answer names the SQL, the database's message or the connection.
/// </summary>
public sealed partial class DatabaseFaultHandler(IProblemDetailsService problemDetails, ILogger<DatabaseFaultHandler> logger)
    : IExceptionHandler
{
    public const string UnavailableDetail = "The database is unavailable. Try again shortly.";
    public const string SchemaBehindDetail =
        "The database schema is behind this build (a table or column it uses is missing; /health says so). Try again once it is migrated.";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var fault = DatabaseFaults.Classify(exception);
        if (fault is DatabaseFault.None)
        {
            return false;
        }

        // The id ProblemDetailsDefaults writes as traceId, so that the answer leads to this line.
        var traceId = Activity.Current?.Id ?? httpContext.TraceIdentifier;
        var (status, title, detail) = fault switch
        {
            DatabaseFault.Unavailable => (StatusCodes.Status503ServiceUnavailable, "Service Unavailable", UnavailableDetail),
            DatabaseFault.SchemaBehind => (StatusCodes.Status503ServiceUnavailable, "Service Unavailable", SchemaBehindDetail),
            _ => (StatusCodes.Status500InternalServerError, "Internal Server Error", FrameworkProblemDetails.UnexpectedDetail),
        };
        if (status == StatusCodes.Status500InternalServerError)
        {
            LogFault(logger, traceId, exception);
        }
        else
        {
            LogUnavailable(logger, fault, traceId, exception);
        }

        httpContext.Response.StatusCode = status;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database cannot serve the request ({Fault}); answering 503, trace {TraceId}")]
    private static partial void LogUnavailable(ILogger logger, DatabaseFault fault, string traceId, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "The database refused the request; answering 500, trace {TraceId}")]
    private static partial void LogFault(ILogger logger, string traceId, Exception exception);
}
