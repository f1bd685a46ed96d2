using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Players.Data.Migrating.Engines;

namespace Players.Data.Migrating.Lint;

/// <summary>
/// Reads the migrations a context would run — each one's <c>Up</c>, or for a downgrade its <c>Down</c> — and reports
/// what can hurt a live database: the common rules (<see cref="OperationRules"/>) and the engine's own. Offline: the
/// context is only asked for its services. An operation on a table the same step created, or in a <c>Down</c> on a
/// table or column its own <c>Up</c> created, is never a finding: nothing else can be using it.
/// </summary>
internal sealed class MigrationLinter(DbContext db)
{
    private readonly IMigrationsAssembly _assembly = db.GetService<IMigrationsAssembly>();
    private readonly IModelRuntimeInitializer _initializer = db.GetService<IModelRuntimeInitializer>();
    private readonly MigrationEngine _engine = MigrationEngine.Of(db);

    /// <summary>Every migration id the context knows, oldest first.</summary>
    public IReadOnlyList<string> MigrationIds => [.. _assembly.Migrations.Keys];

    /// <summary>The <c>Up</c> of each of <paramref name="migrationIds"/> (oldest first), as <c>upgrade</c> runs them.</summary>
    public LintReport LintUp(IReadOnlyList<string> migrationIds) =>
        Lint(migrationIds, migration => migration.UpOperations, down: false);

    /// <summary>The <c>Down</c> of each of <paramref name="migrationIds"/> (newest first), as <c>downgrade</c> runs them.</summary>
    public LintReport LintDown(IReadOnlyList<string> migrationIds) =>
        Lint(migrationIds, migration => migration.DownOperations, down: true);

    private LintReport Lint(IReadOnlyList<string> migrationIds, Func<Migration, IReadOnlyList<MigrationOperation>> operationsOf, bool down)
    {
        if (migrationIds.Count == 0)
        {
            return LintReport.Empty;
        }

        var origins = TableOrigins();
        var findings = new List<LintFinding>();
        foreach (var id in migrationIds)
        {
            var migration = Create(id);
            var model = down ? PreviousTargetModel(id) : Finalize(migration.TargetModel);
            var step = new LintStep(id, down, operationsOf(migration), model, db, origins);
            var owned = new Ownership(down ? migration.UpOperations : []);
            var stepFindings = new List<LintFinding>();
            foreach (var operation in step.Operations)
            {
                if (!owned.Covers(operation))
                {
                    stepFindings.AddRange(OperationRules.Check(step, operation));
                    stepFindings.AddRange(_engine.Lint(step, operation));
                }

                owned.Track(operation);
            }

            findings.AddRange(Allowances.Apply(_assembly.Migrations[id], stepFindings));
        }

        return new LintReport(migrationIds, findings);
    }

    /// <summary>Which migration created each table that still exists after all of them: "existing" means created earlier.</summary>
    private Dictionary<string, string> TableOrigins()
    {
        var origins = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in _assembly.Migrations.Keys)
        {
            foreach (var operation in Create(id).UpOperations)
            {
                switch (operation)
                {
                    case CreateTableOperation table:
                        origins[table.Name] = id;
                        break;
                    case RenameTableOperation { NewName: { } newName } rename when origins.Remove(rename.Name, out var origin):
                        origins[newName] = origin;
                        break;
                    case DropTableOperation table:
                        origins.Remove(table.Name);
                        break;
                }
            }
        }

        return origins;
    }

    private Migration Create(string id) => _assembly.CreateMigration(_assembly.Migrations[id], _engine.Provider);

    // EF generates a Down's SQL against the previous migration's target model, as Migrator.GenerateDownSql does.
    private IModel? PreviousTargetModel(string id)
    {
        var ids = MigrationIds.ToList();
        var at = ids.IndexOf(id);
        return at > 0 ? Finalize(Create(ids[at - 1]).TargetModel) : null;
    }

    private IModel? Finalize(IModel? model) => model is null
        ? null
        : _initializer.Initialize(model is IMutableModel mutable ? mutable.FinalizeModel() : model, designTime: true, validationLogger: null);

    /// <summary>The tables (and columns) that only this step, or in a <c>Down</c> its own <c>Up</c>, brought into being.</summary>
    private sealed class Ownership
    {
        private readonly HashSet<string> _tables = new(StringComparer.Ordinal);
        private readonly HashSet<(string Table, string Column)> _columns = [];

        public Ownership(IReadOnlyList<MigrationOperation> upOperations)
        {
            foreach (var operation in upOperations)
            {
                Track(operation, columns: true);
            }
        }

        public bool Covers(MigrationOperation operation) => operation switch
        {
            DropTableOperation table => _tables.Contains(table.Name),
            RenameTableOperation table => _tables.Contains(table.Name),
            ColumnOperation column => _tables.Contains(column.Table) || _columns.Contains((column.Table, column.Name)),
            DropColumnOperation column => _tables.Contains(column.Table) || _columns.Contains((column.Table, column.Name)),
            RenameColumnOperation column => _tables.Contains(column.Table) || _columns.Contains((column.Table, column.Name)),
            ITableMigrationOperation table => _tables.Contains(table.Table),
            _ => false,
        };

        /// <summary>
        /// Within a step only tables count: a column added to an existing table a moment ago has its rows already.
        /// </summary>
        public void Track(MigrationOperation operation, bool columns = false)
        {
            switch (operation)
            {
                case CreateTableOperation table:
                    _tables.Add(table.Name);
                    break;
                case RenameTableOperation { NewName: { } newName } table when _tables.Remove(table.Name):
                    _tables.Add(newName);
                    break;
                case AddColumnOperation column when columns:
                    _columns.Add((column.Table, column.Name));
                    break;
                case RenameColumnOperation column when columns && _columns.Remove((column.Table, column.Name)):
                    _columns.Add((column.Table, column.NewName));
                    break;
            }
        }
    }
}
