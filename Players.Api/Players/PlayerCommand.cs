using Players.Data.Model;

namespace Players.Api.Players;

/// <summary>
/// A validated request body for creating or replacing a player. It documents the body in OpenAPI too; the API
/// reads bodies through <see cref="PlayerValidation"/>, never by binding this type.
/// </summary>
public sealed record PlayerCommand(
    string FirstName,
    string? MiddleName,
    string LastName,
    DateOnly? DateOfBirth,
    int SquadNumber,
    string Position,
    string? AbbrPosition,
    string? Team,
    string? League,
    bool? Starting11)
{
    public Player ToNewPlayer() => new()
    {
        // Random (v4) ids for created players; seeded players keep their v5 ids.
        Id = Guid.NewGuid().ToString("D"),
        FirstName = FirstName,
        MiddleName = MiddleName,
        LastName = LastName,
        DateOfBirth = DateOfBirth,
        SquadNumber = SquadNumber,
        Position = Position,
        AbbrPosition = AbbrPosition,
        Team = Team,
        League = League,
        Starting11 = Starting11,
    };
}
