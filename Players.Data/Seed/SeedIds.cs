namespace Players.Data.Seed;

/// <summary>
/// Deterministic ids of seeded players: the same player gets the same id in every database, so a seed
/// migration's <c>Down</c> can delete exactly the rows its <c>Up</c> inserted.
/// </summary>
public static class SeedIds
{
    public static readonly Guid Namespace = new("f201b13e-c670-473d-885d-e2be219f74c8");

    /// <summary>The lowercase hyphenated UUID v5 of <c>"{firstName}-{lastName}"</c>.</summary>
    public static string For(string firstName, string lastName) =>
        UuidV5.Create(Namespace, $"{firstName}-{lastName}").ToString();
}
