using System.Globalization;
using Players.Data.Model;

namespace Players.Api.Players;

/// <summary>A player as the API writes it: camelCase, nulls written, the birth date as a UTC midnight timestamp.</summary>
public sealed record PlayerResponse(
    string Id,
    string FirstName,
    string? MiddleName,
    string LastName,
    string? DateOfBirth,
    int SquadNumber,
    string Position,
    string? AbbrPosition,
    string? Team,
    string? League,
    bool? Starting11)
{
    public static PlayerResponse From(Player player) => new(
        player.Id,
        player.FirstName,
        player.MiddleName,
        player.LastName,
        player.DateOfBirth is { } date ? FormatDate(date) : null,
        player.SquadNumber,
        player.Position,
        player.AbbrPosition,
        player.Team,
        player.League,
        player.Starting11);

    /// <summary>The Python API's format: the date at midnight UTC, milliseconds included.</summary>
    public static string FormatDate(DateOnly date) => string.Create(CultureInfo.InvariantCulture, $"{date:yyyy-MM-dd}T00:00:00.000Z");
}
