namespace Players.Data.Migrating.Integrity;

/// <summary>What <c>verify</c> found: each applied migration of this build checked, and the applied ones it lacks.</summary>
public sealed record IntegrityReport(IReadOnlyList<ChecksumCheck> Checks, IReadOnlyList<string> Unknown)
{
    public static IntegrityReport Empty { get; } = new([], []);

    public IReadOnlyList<ChecksumCheck> Drifted => [.. Checks.Where(check => check.State == ChecksumState.Drift)];

    public IReadOnlyList<ChecksumCheck> Unstamped => [.. Checks.Where(check => check.State == ChecksumState.Unstamped)];

    /// <summary>
    /// Compares what the database recorded with this build; orphaned checksum rows (no history row) are ignored.
    /// <paramref name="stored"/> is null when the database has no checksum table: then nothing is stamped yet.
    /// </summary>
    public static IntegrityReport Of(
        IReadOnlyList<string> applied, IReadOnlyDictionary<string, string>? stored, IReadOnlyDictionary<string, string> computed) => new(
        [.. applied.Where(computed.ContainsKey).Select(id => new ChecksumCheck(id, stored?.GetValueOrDefault(id), computed[id], RecordsChecksums: stored is not null))],
        [.. applied.Where(id => !computed.ContainsKey(id))]);

    public ChecksumState? StateOf(string migrationId) =>
        Checks.FirstOrDefault(check => check.MigrationId == migrationId)?.State;

    /// <exception cref="MigrationDriftException">An applied migration's checksum differs from this build's.</exception>
    public void ThrowIfDrifted()
    {
        if (Drifted.Count > 0)
        {
            throw new MigrationDriftException(this);
        }
    }

    /// <summary><c>verify</c>'s report: unknown migrations, one line per drifted migration, unstamped ones, and the verdict.</summary>
    public IEnumerable<string> Lines()
    {
        if (Unknown.Count > 0)
        {
            yield return $"Ignored {Unknown.Count} unknown migration(s), applied but not in this build: {string.Join(", ", Unknown)}.";
        }

        foreach (var drifted in Drifted)
        {
            yield return drifted.DriftLine;
        }

        if (Unstamped.Count > 0)
        {
            yield return $"{Unstamped.Count} applied migration(s) have no checksum yet ({string.Join(", ", Unstamped.Select(check => check.MigrationId))}): "
                + "the database is from before checksums; the next upgrade or downgrade stamps them, trusting this build's code.";
        }

        yield return Verdict;
    }

    private string Verdict => (Checks.Count, Drifted.Count, Unstamped.Count) switch
    {
        (0, _, _) => "No migration of this build is applied: nothing to verify.",
        (var all, 0, 0) => $"All {all} applied migrations match.",
        (var all, 0, var unstamped) => $"{all - unstamped} of {all} applied migrations match; {unstamped} unstamped.",
        (var all, var drifted, _) => $"{drifted} of {all} applied migrations drifted.",
    };
}
