using Microsoft.AspNetCore.Http.HttpResults;

namespace Players.Api.Players;

/// <summary>
/// The problem details the player endpoints answer with. They go through <see cref="ProblemHttpResult"/> because
/// it writes <c>application/problem+json</c> (RFC 9457); <c>NotFound&lt;ProblemDetails&gt;</c> would write plain JSON.
/// </summary>
public static class PlayerProblems
{
    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not Found");

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict");

    public static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Bad Request");

    public static ProblemHttpResult Invalid(string field, string message) =>
        Invalid(new Dictionary<string, string[]> { [field] = [message] });

    public static ProblemHttpResult Invalid(IDictionary<string, string[]> errors) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "Unprocessable Entity",
            Detail = $"Correct these fields: {string.Join(", ", errors.Keys)}.",
        });
}
