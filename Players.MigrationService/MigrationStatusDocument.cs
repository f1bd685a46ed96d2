using Players.Contracts;
using Players.Data.Migrating.Planning;

namespace Players.MigrationService;

/// <summary>The migrator's status as the contract's <see cref="StatusDocument"/>, which <c>status --json</c> prints.</summary>
internal static class MigrationStatusDocument
{
    public static StatusDocument ToDocument(this MigrationStatus status) => new(
        status.Current,
        [.. status.MigrationIds.Select(id => new StatusDocument.Migration(
            id, MigrationTarget.NameOf(id), status.IsApplied(id), status.ChecksumOf(id), status.LastApplyOf(id)?.StartedAt, status.LastApplyOf(id)?.DurationMs))],
        status.Pending,
        status.Unknown);
}
