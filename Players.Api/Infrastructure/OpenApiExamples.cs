using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.OpenApi;

namespace Players.Api.Infrastructure;

/// <summary>Gives every request body and response of the document an example a reader can copy.</summary>
public sealed class OpenApiExamples : IOpenApiOperationTransformer
{
    private static JsonObject Player(bool response) => new()
    {
        ["id"] = response ? "acc433bf-d505-51fe-831e-45eb44c4d43c" : null,
        ["firstName"] = "Lionel",
        ["middleName"] = "Andrés",
        ["lastName"] = "Messi",
        ["dateOfBirth"] = response ? "1987-06-24T00:00:00.000Z" : "1987-06-24",
        ["squadNumber"] = 10,
        ["position"] = "Right Winger",
        ["abbrPosition"] = "RW",
        ["team"] = "Inter Miami CF",
        ["league"] = "Major League Soccer",
        ["starting11"] = true,
    };

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (operation.RequestBody?.Content is { } requestContent)
        {
            var request = Player(response: false);
            request.Remove("id");
            foreach (var media in requestContent.Values)
            {
                media.Example = request;
            }
        }

        foreach (var (code, response) in operation.Responses ?? [])
        {
            foreach (var (contentType, media) in response.Content ?? new Dictionary<string, OpenApiMediaType>())
            {
                media.Example = ExampleFor(operation.OperationId, int.Parse(code, System.Globalization.CultureInfo.InvariantCulture), contentType);
            }
        }

        return Task.CompletedTask;
    }

    private static JsonNode ExampleFor(string? operationId, int status, string contentType)
    {
        if (status is >= 200 and < 300 && !contentType.Contains("problem", StringComparison.Ordinal))
        {
            return operationId == "GetPlayers" ? new JsonArray(Player(response: true)) : Player(response: true);
        }

        var problem = new JsonObject
        {
            ["type"] = $"https://tools.ietf.org/html/rfc9110#status-{status}",
            ["title"] = ReasonPhrases.GetReasonPhrase(status),
            ["status"] = status,
            ["detail"] = status switch
            {
                400 => "The body is not valid JSON: …",
                401 => Auth.ProtectedWrites.Unauthorized,
                403 => Auth.ProtectedWrites.Forbidden,
                404 => "No player has the squad number 99.",
                409 => Players.PlayerEndpoints.SquadNumberTaken,
                413 => "The body is larger than 64 KiB.",
                415 => "The body must be JSON (Content-Type: application/json), not 'text/plain'.",
                422 => "Correct these fields: firstName.",
                429 => "Too many writes: retry after 42 s.",
                503 => "The database is unavailable. Try again shortly.",
                _ => ReasonPhrases.GetReasonPhrase(status),
            },
        };
        if (status == 422)
        {
            problem["errors"] = new JsonObject { ["firstName"] = new JsonArray("firstName is required.") };
        }

        return problem;
    }
}
