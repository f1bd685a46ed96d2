using System.Text.Json;

namespace Players.Tests.Infrastructure;

/// <summary>The 25 players the seed specifies (Data/players.json, copied from the design), as the tests expect them.</summary>
public static class SeedPlayers
{
    public sealed record Expected(
        string FirstName,
        string? MiddleName,
        string LastName,
        DateTimeOffset? DateOfBirth,
        int SquadNumber,
        string Position,
        string? AbbrPosition,
        string? Team,
        string? League,
        bool? Starting11)
    {
        public DateOnly? Birthday => DateOfBirth is { } date ? DateOnly.FromDateTime(date.UtcDateTime) : null;
    }

    public static IReadOnlyList<Expected> All { get; } = Load();

    public static IReadOnlyList<Expected> StartingEleven => All.Take(11).ToList();

    public static IReadOnlyList<Expected> Substitutes => All.Skip(11).ToList();

    private static List<Expected> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Data", "players.json");
        return JsonSerializer.Deserialize<List<Expected>>(File.ReadAllText(path), JsonSerializerOptions.Web)
            ?? throw new InvalidOperationException($"{path} holds no players.");
    }
}
