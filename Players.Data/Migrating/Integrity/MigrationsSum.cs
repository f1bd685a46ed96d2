using System.Globalization;
using System.Text;
using Players.Data.Migrating.Engines;

namespace Players.Data.Migrating.Integrity;

/// <summary>
/// <c>Players.Data/Migrations/migrations.sum</c>, committed beside the migrations (Atlas's <c>atlas.sum</c>): each
/// migration id with its checksum, or one per engine where its operations depend on the provider. Editing a migration
/// changes its line, so the edit needs a deliberate update of the file in the same commit.
/// </summary>
public static class MigrationsSum
{
    public static readonly string RelativePath = Path.Combine("Players.Data", "Migrations", "migrations.sum");

    private const string Header = """
        # Checksums of the migrations in this folder: `v1:` + SHA-256 of the operations each Up builds, one per engine where
        # they differ. Written by the migration worker's `sum`; a test fails while this file and the migrations disagree.
        # A migration that has run anywhere must not change: if its line changes, revert the edit unless you mean it.

        """;

    /// <summary>This build's entries: migration id → its checksum, or one per engine (<c>postgresql=… sqlite=…</c>) where they differ.</summary>
    public static IReadOnlyDictionary<string, string> OfBuild() => OfBuild(engine => BuildChecksums.For(engine.Target.Engine));

    /// <summary>The entries from each engine's <paramref name="checksums"/> (computed afresh, a test's culture applies).</summary>
    internal static IReadOnlyDictionary<string, string> OfBuild(Func<MigrationEngine, IReadOnlyDictionary<string, string>> checksums)
    {
        var engines = MigrationEngine.Offline
            .OrderBy(engine => engine.SystemName, StringComparer.Ordinal)
            .Select(engine => (engine.SystemName, Checksums: checksums(engine)))
            .ToList();
        return new SortedDictionary<string, string>(
            engines[0].Checksums.Keys.ToDictionary(id => id, id => EntryOf(engines.Select(engine => (engine.SystemName, engine.Checksums[id])))),
            StringComparer.Ordinal);
    }

    public static string Write(IReadOnlyDictionary<string, string> entries)
    {
        var text = new StringBuilder(Header.ReplaceLineEndings("\n")).Append('\n');
        foreach (var (id, checksums) in entries.OrderBy(entry => entry.Key, StringComparer.Ordinal))
        {
            text.Append(id).Append(' ').Append(checksums).Append('\n');
        }

        return text.ToString();
    }

    /// <exception cref="FormatException">A line is not <c>id checksum…</c>, or an id appears twice.</exception>
    public static IReadOnlyDictionary<string, string> Parse(string text)
    {
        var entries = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        for (var number = 1; number <= lines.Length; number++)
        {
            var line = lines[number - 1].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space <= 0 || !entries.TryAdd(line[..space], line[(space + 1)..].Trim()))
            {
                throw new FormatException(string.Create(
                    CultureInfo.InvariantCulture, $"migrations.sum line {number} is not '<migration id> <checksum>' of a new id: {line}"));
            }
        }

        return entries;
    }

    /// <summary>One line per migration whose entry is changed, missing or extra in <paramref name="file"/>; empty when they agree.</summary>
    public static IReadOnlyList<string> Differences(IReadOnlyDictionary<string, string> file, IReadOnlyDictionary<string, string> build)
    {
        const string Remedy = "If that is deliberate, run the worker's `sum` and commit the file with the migration.";
        var differences = new List<string>();
        foreach (var (id, checksums) in build)
        {
            if (!file.TryGetValue(id, out var recorded))
            {
                differences.Add($"{id}: missing from migrations.sum. {Remedy}");
            }
            else if (recorded != checksums)
            {
                differences.Add($"{id}: changed: migrations.sum has {recorded}, this build computes {checksums}. "
                    + "A migration that has run must not change: revert the edit. " + Remedy);
            }
        }

        differences.AddRange(file.Keys.Where(id => !build.ContainsKey(id))
            .Select(id => $"{id}: in migrations.sum but not in this build. {Remedy}"));
        return differences;
    }

    private static string EntryOf(IEnumerable<(string Engine, string Checksum)> checksums)
    {
        var all = checksums.ToList();
        return all.All(entry => entry.Checksum == all[0].Checksum)
            ? all[0].Checksum
            : string.Join(' ', all.Select(entry => $"{entry.Engine}={entry.Checksum}"));
    }
}
