using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Players.Data.Migrating.Integrity;

/// <summary>
/// A migration's checksum: <c>v1:</c> + SHA-256 of <see cref="CanonicalOperations"/> of what its <c>Up</c> builds for
/// the provider it was created for. Computed from the code alone: never from printed SQL, a product version or a server.
/// </summary>
public static class MigrationChecksum
{
    public const string Prefix = "v1:";

    /// <summary>How many hex digits a message shows: enough to tell two checksums apart at a glance.</summary>
    public const int ShortLength = 12;

    /// <param name="migration">Created by <see cref="IMigrationsAssembly.CreateMigration"/> for the active provider.</param>
    public static string Of(Migration migration) => OfOperations(migration.UpOperations);

    public static string OfOperations(IEnumerable<Microsoft.EntityFrameworkCore.Migrations.Operations.MigrationOperation> operations) =>
        Prefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(CanonicalOperations.Write(operations))));

    /// <summary>The checksum of <paramref name="migrationId"/> as this build's code for <paramref name="activeProvider"/>; null when the build lacks it.</summary>
    public static string? Of(IMigrationsAssembly migrations, string migrationId, string activeProvider) =>
        migrations.Migrations.TryGetValue(migrationId, out var type)
            ? Of(migrations.CreateMigration(type, activeProvider))
            : null;

    /// <summary>The first <see cref="ShortLength"/> hex digits, for messages: <c>v1:3f2a…</c> → <c>3f2a9c0b1d7e</c>.</summary>
    public static string Short(string? checksum) => checksum is null
        ? "(none)"
        : checksum.StartsWith(Prefix, StringComparison.Ordinal) && checksum.Length >= Prefix.Length + ShortLength
            ? checksum.Substring(Prefix.Length, ShortLength)
            : checksum;
}
