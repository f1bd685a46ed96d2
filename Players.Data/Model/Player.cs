namespace Players.Data.Model;

/// <summary>A football player of the squad, as stored in the <c>players</c> table.</summary>
public sealed class Player
{
    /// <summary>Lowercase hyphenated UUID: v5 for seeded players, v4 for players created through the API.</summary>
    public required string Id { get; set; }

    public required string FirstName { get; set; }

    public string? MiddleName { get; set; }

    public required string LastName { get; set; }

    public DateOnly? DateOfBirth { get; set; }

    public int SquadNumber { get; set; }

    public required string Position { get; set; }

    public string? AbbrPosition { get; set; }

    public string? Team { get; set; }

    public string? League { get; set; }

    public bool? Starting11 { get; set; }
}
