namespace Players.Data.Migrating.Planning;

/// <summary>What a run did: from and to (full ids, <c>0</c> for empty), how many migrations, how long.</summary>
public sealed record MigrationResult(MigrationCommand Command, string From, string To, int Count, TimeSpan Elapsed)
{
    public string Summary(DatabaseTarget target) => From == To
        ? $"{target.Description} is already at {To}: nothing to do ({Elapsed.TotalMilliseconds:0} ms)."
        : $"{(Command == MigrationCommand.Upgrade ? "Upgraded" : "Downgraded")} {target.Description} from {From} to {To}: "
          + $"{Count} migration(s) {(Command == MigrationCommand.Upgrade ? "applied" : "reverted")} in {Elapsed.TotalMilliseconds:0} ms.";
}
