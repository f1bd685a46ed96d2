namespace Players.AppHost.Worker;

/// <summary>The targets the commands offer, from this build's migrations: names for people, the worker accepts them all.</summary>
internal static class MigrationTargets
{
    public const string Head = "head";
    public const string Base = "base";
    public const string OneStepBack = "-1";

    /// <summary>Every migration id of this build, oldest first.</summary>
    public static IReadOnlyList<string> Ids { get; } = [.. MigrationIds.Files.Order(StringComparer.Ordinal)];

    /// <summary>A migration's name without its timestamp: <c>20261126041544_CreatePlayersTable</c> → <c>CreatePlayersTable</c>.</summary>
    public static string NameOf(string migrationId) => migrationId[(migrationId.IndexOf('_', StringComparison.Ordinal) + 1)..];

    public static IReadOnlyList<string> Names { get; } = [.. Ids.Select(NameOf)];

    /// <summary>For <c>upgrade</c>: the next one, any migration, or the last.</summary>
    public static IReadOnlyList<string> Upgrade { get; } = [Head, "+1", .. Names];

    /// <summary>For <c>downgrade</c>: one step back, any migration, or nothing applied.</summary>
    public static IReadOnlyList<string> Downgrade { get; } = [OneStepBack, .. Names.Reverse(), Base];

    /// <summary>For <c>script</c>'s bounds.</summary>
    public static IReadOnlyList<string> Bounds { get; } = [Base, .. Names, Head];

    /// <summary>What <c>downgrade</c> to each target reverts from head, newest first, for the confirmation.</summary>
    public static string RevertedFromHead(string target) => string.Join(", ",
        Names.Skip(target == Base ? 0 : Names.ToList().IndexOf(target) + 1).Reverse());
}
