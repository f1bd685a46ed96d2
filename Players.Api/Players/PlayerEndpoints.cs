using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Players.Api.Auth;
using Players.Api.Changes;
using Players.Api.Infrastructure;
using Players.Data;

namespace Players.Api.Players;

/// <summary>The Python service's <c>/players</c> contract. Every path answers with or without a trailing slash.</summary>
public static class PlayerEndpoints
{
    public const string SquadNumberTaken = "A Player with this squad number already exists.";
    public const string CacheHeader = "X-Cache";

    public static IEndpointRouteBuilder MapPlayerEndpoints(this IEndpointRouteBuilder app)
    {
        var players = app.MapGroup("/players").WithTags("Players");
        var writes = app.ServiceProvider.GetRequiredService<WriteAccess>();

        players.MapGet("/", GetAllAsync)
            .WithName("GetPlayers").WithSummary("All players, ordered by squad number")
            .Produces<PlayerResponse[]>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        players.MapGet("/{id}", GetByIdAsync)
            .WithName("GetPlayerById").WithSummary("One player by id (any form a GUID takes)")
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        players.MapGet("/squadnumber/{squadNumber}", GetBySquadNumberAsync)
            .WithName("GetPlayerBySquadNumber").WithSummary("One player by squad number")
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        players.MapPost("/", CreateAsync)
            .WithName("CreatePlayer").WithSummary("Create a player; the squad number must be free")
            .AcceptsPlayerBody()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .AsWrite(writes);

        players.MapPut("/squadnumber/{squadNumber}", UpdateAsync)
            .WithName("UpdatePlayer").WithSummary("Replace a player; omitted optional fields become null")
            .AcceptsPlayerBody()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .AsWrite(writes);

        players.MapDelete("/squadnumber/{squadNumber}", DeleteAsync)
            .WithName("DeletePlayer").WithSummary("Delete a player")
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .AsWrite(writes);

        return app;
    }

    /// <summary>A JSON player body: its syntax (400), size (413), content type (415) and fields (422) are checked.</summary>
    private static RouteHandlerBuilder AcceptsPlayerBody(this RouteHandlerBuilder endpoint) => endpoint
        .Accepts<PlayerCommand>("application/json")
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    /// <summary>
    /// Every write may meet an unavailable database (503), the optional write rate limit (429) and, when protected,
    /// the write policy (401, 403).
    /// </summary>
    private static RouteHandlerBuilder AsWrite(this RouteHandlerBuilder endpoint, WriteAccess writes) => endpoint
        .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
        .ProducesProblem(StatusCodes.Status429TooManyRequests)
        .RequireRateLimiting(WriteRateLimiting.PolicyName)
        .RequireWriteAccess(writes);

    public static async Task<JsonBytesResult> GetAllAsync(
        HttpContext context, PlayerListCache cache, CancellationToken cancellationToken)
    {
        var (json, hit) = await cache.GetOrReadAsync(token => ReadListAsync(context, token), cancellationToken);
        context.Response.Headers[CacheHeader] = hit ? "HIT" : "MISS";
        return new JsonBytesResult(json);
    }

    private static async Task<byte[]> ReadListAsync(HttpContext context, CancellationToken cancellationToken)
    {
        // Resolved here rather than as a parameter, so that a cache hit rents no context from the pool.
        var db = context.RequestServices.GetRequiredService<PlayersDbContext>();
        var players = await db.Players.AsNoTracking().OrderBy(p => p.SquadNumber).ToListAsync(cancellationToken);
        // The HTTP JSON options (source-generated metadata first in their chain) and their relaxed encoder,
        // so that the list writes "Nicolás" exactly as every other answer does.
        var json = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        return JsonSerializer.SerializeToUtf8Bytes(players.ConvertAll(PlayerResponse.From), json);
    }

    public static async Task<Results<Ok<PlayerResponse>, ProblemHttpResult>> GetByIdAsync(
        string id, PlayersDbContext db, PlayerQueries queries, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var guid))
        {
            return PlayerProblems.Invalid("id", $"'{id}' is not a UUID.");
        }

        var key = guid.ToString("D");
        var player = await queries.ById(db, key, cancellationToken);
        return player is null
            ? PlayerProblems.NotFound($"No player has the id {key}.")
            : TypedResults.Ok(PlayerResponse.From(player));
    }

    public static async Task<Results<Ok<PlayerResponse>, ProblemHttpResult>> GetBySquadNumberAsync(
        string squadNumber, PlayersDbContext db, PlayerQueries queries, CancellationToken cancellationToken)
    {
        if (!TryParseSquadNumber(squadNumber, out var number))
        {
            return PlayerProblems.Invalid("squadNumber", PathSquadNumberError(squadNumber));
        }

        var player = await queries.BySquadNumber(db, number, cancellationToken);
        return player is null
            ? PlayerProblems.NotFound($"No player has the squad number {number}.")
            : TypedResults.Ok(PlayerResponse.From(player));
    }

    public static async Task<Results<Created<PlayerResponse>, ProblemHttpResult>> CreateAsync(
        HttpRequest request, PlayersDbContext db, PlayerWrites writes, TimeProvider time, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonRequestBody.ReadAsync(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        using var document = body!;
        var (command, errors) = PlayerValidation.Validate(document.RootElement, Today(time));
        if (command is null)
        {
            return PlayerProblems.Invalid(errors);
        }

        var player = command.ToNewPlayer();
        db.Players.Add(player);
        try
        {
            // Changes are accepted only once committed, so that a retry inserts the player again.
            await writes.RunAsync(
                db,
                token => db.SaveChangesAsync(acceptAllChangesOnSuccess: false, token),
                token => db.Players.AnyAsync(p => p.Id == player.Id, token),
                cancellationToken);
            db.ChangeTracker.AcceptAllChanges();
        }
        catch (DbUpdateException error) when (error.IsUniqueViolation())
        {
            // The unique index decides, so two requests racing for one number cannot both win.
            return PlayerProblems.Conflict(SquadNumberTaken);
        }

        return TypedResults.Created($"/players/squadnumber/{player.SquadNumber}", PlayerResponse.From(player));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> UpdateAsync(
        string squadNumber, HttpRequest request, PlayersDbContext db, PlayerWrites writes, TimeProvider time, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonRequestBody.ReadAsync(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        using var document = body!;
        var (command, errors) = PlayerValidation.Validate(document.RootElement, Today(time));
        if (!TryParseSquadNumber(squadNumber, out var number))
        {
            errors["squadNumber"] = [.. errors.GetValueOrDefault("squadNumber", []), PathSquadNumberError(squadNumber)];
        }

        if (command is null || errors.Count > 0)
        {
            return PlayerProblems.Invalid(errors);
        }

        if (command.SquadNumber != number)
        {
            return PlayerProblems.BadRequest(
                $"The squad number in the body ({command.SquadNumber}) does not match the one in the path ({number}).");
        }

        // One statement: a full replace of the row, with nothing read first that a concurrent write could change.
        // Replaying it changes nothing more, so a commit of unknown outcome is simply run again.
        var updated = await writes.RunAsync(
            db,
            token => db.Players.Where(p => p.SquadNumber == number).ExecuteUpdateAsync(player => player
                .SetProperty(p => p.FirstName, command.FirstName)
                .SetProperty(p => p.MiddleName, command.MiddleName)
                .SetProperty(p => p.LastName, command.LastName)
                .SetProperty(p => p.DateOfBirth, command.DateOfBirth)
                .SetProperty(p => p.Position, command.Position)
                .SetProperty(p => p.AbbrPosition, command.AbbrPosition)
                .SetProperty(p => p.Team, command.Team)
                .SetProperty(p => p.League, command.League)
                .SetProperty(p => p.Starting11, command.Starting11), token),
            _ => Task.FromResult(false),
            cancellationToken);
        return updated == 0
            ? PlayerProblems.NotFound($"No player has the squad number {number}.")
            : TypedResults.NoContent();
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string squadNumber, PlayersDbContext db, PlayerWrites writes, CancellationToken cancellationToken)
    {
        if (!TryParseSquadNumber(squadNumber, out var number))
        {
            return PlayerProblems.Invalid("squadNumber", PathSquadNumberError(squadNumber));
        }

        // A delete whose commit broke off took effect when the player is gone.
        var deleted = await writes.RunAsync(
            db,
            token => db.Players.Where(p => p.SquadNumber == number).ExecuteDeleteAsync(token),
            async token => !await db.Players.AnyAsync(p => p.SquadNumber == number, token),
            cancellationToken);
        return deleted == 0
            ? PlayerProblems.NotFound($"No player has the squad number {number}.")
            : TypedResults.NoContent();
    }

    private static bool TryParseSquadNumber(string value, out int number) =>
        int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number);

    private static string PathSquadNumberError(string value) => $"The squad number in the path ('{value}') must be an integer.";

    private static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
}
