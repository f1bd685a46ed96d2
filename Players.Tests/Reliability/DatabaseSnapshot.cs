using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Players.Tests.Infrastructure;

namespace Players.Tests.Reliability;

/// <summary>The players table read straight from the database through a fresh context, never through the API's cache.</summary>
public static class DatabaseSnapshot
{
    /// <summary>Every row, ordered by squad number, one JSON line each: equal snapshots mean an unchanged table.</summary>
    public static async Task<IReadOnlyList<string>> TakeAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        var players = await db.Players.AsNoTracking().OrderBy(p => p.SquadNumber).ToListAsync();
        return [.. players.Select(p => JsonSerializer.Serialize(p))];
    }
}
