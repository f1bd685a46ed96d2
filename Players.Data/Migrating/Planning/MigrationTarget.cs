using System.Globalization;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Players.Data.Migrating.Planning;

/// <summary>
/// Alembic's target forms over EF's migration ids: a full id, a name (case-insensitive), <c>head</c>/<c>latest</c>,
/// <c>base</c>/<c>0</c>, and <c>+N</c>/<c>-N</c> relative to the current migration.
/// </summary>
public static class MigrationTarget
{
    /// <summary>EF's id for the empty database, before the first migration.</summary>
    public const string Base = Migration.InitialDatabase;

    public const string AbsoluteForms = "a migration id or name, head, latest, base, 0";

    public const string Forms = AbsoluteForms + ", +N (upgrade) or -N (downgrade)";

    /// <summary>True when <paramref name="target"/> is <c>+N</c> or <c>-N</c> (N ≥ 1); <paramref name="steps"/> is signed.</summary>
    public static bool IsRelative(string target, out int steps)
    {
        steps = 0;
        return target.Length > 1
            && target[0] is '+' or '-'
            && int.TryParse(target.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            && count > 0
            && (steps = target[0] == '+' ? count : -count) != 0;
    }

    /// <summary>The id an absolute target names (<see cref="Base"/> for the empty database).</summary>
    /// <exception cref="MigrationTargetException">The target names no migration.</exception>
    public static string ResolveAbsolute(string target, IReadOnlyList<string> migrationIds)
    {
        switch (target.ToLowerInvariant())
        {
            case "head" or "latest":
                return migrationIds.Count == 0 ? Base : migrationIds[^1];
            case "base" or Base:
                return Base;
        }

        var match = migrationIds.FirstOrDefault(id => string.Equals(id, target, StringComparison.OrdinalIgnoreCase))
            ?? migrationIds.FirstOrDefault(id => string.Equals(NameOf(id), target, StringComparison.OrdinalIgnoreCase));
        return match ?? throw Unknown(target, migrationIds);
    }

    /// <summary>The migration's name without its timestamp: <c>20261126041544_CreatePlayersTable</c> → <c>CreatePlayersTable</c>.</summary>
    public static string NameOf(string migrationId) => migrationId[(migrationId.IndexOf('_', StringComparison.Ordinal) + 1)..];

    /// <summary>Position in the ordered migrations, -1 for <see cref="Base"/>.</summary>
    internal static int IndexOf(string migrationId, IReadOnlyList<string> migrationIds) =>
        migrationId == Base ? -1 : migrationIds.ToList().IndexOf(migrationId);

    internal static string At(int index, IReadOnlyList<string> migrationIds) => index < 0 ? Base : migrationIds[index];

    private static MigrationTargetException Unknown(string target, IReadOnlyList<string> migrationIds) =>
        new($"Unknown migration target '{target}'. Use {Forms}. Migrations: {string.Join(", ", migrationIds.Select(NameOf))}.");
}
