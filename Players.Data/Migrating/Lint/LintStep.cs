using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace Players.Data.Migrating.Lint;

/// <summary>
/// One migration's <c>Up</c> or <c>Down</c> as the rules see it: its operations in the order they run, the model EF
/// generates their SQL against, the offline context of the engine it is linted for, and where each table came from.
/// </summary>
internal sealed class LintStep(
    string migrationId,
    bool down,
    IReadOnlyList<MigrationOperation> operations,
    IModel? model,
    DbContext offline,
    IReadOnlyDictionary<string, string> tableOrigins)
{
    public string MigrationId => migrationId;

    /// <summary>True for a migration's <c>Down</c>, as <c>downgrade</c> runs it.</summary>
    public bool IsDown => down;

    public IReadOnlyList<MigrationOperation> Operations => operations;

    /// <summary>The model EF's migrator generates this step's SQL against (the migration's target model for <c>Up</c>, the previous one's for <c>Down</c>); null without a designer file.</summary>
    public IModel? Model => model;

    /// <summary>A context of the engine linted for, never connected: its services map types and generate SQL.</summary>
    public DbContext Offline => offline;

    public LintFinding Finding(string rule, string message) => new(migrationId, rule, LintRules.SeverityOf(rule), message);

    /// <summary><c>players</c>, or <c>players (created by 20261126041544_CreatePlayersTable)</c> when a migration of this build created it.</summary>
    public string Describe(string table) =>
        tableOrigins.TryGetValue(table, out var origin) ? $"{table} (created by {origin})" : table;
}
