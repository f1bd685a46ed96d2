using Players.Data.Migrating.Lint;
using Players.Data.Migrating.Planning;

namespace Players.Data.Migrating;

/// <summary><c>lint</c>, and the gate every upgrade and downgrade passes before it changes anything.</summary>
public sealed partial class PlayersMigrator
{
    /// <summary>
    /// The <c>Up</c> of each migration from <paramref name="from"/> to <paramref name="to"/>, both included
    /// (<c>base</c> from the first, <c>head</c> to the last), for this migrator's engine; never connects.
    /// </summary>
    /// <exception cref="MigrationTargetException">A bound is unknown or relative, or the bounds are the wrong way round.</exception>
    public LintReport Lint(string from = "base", string to = "head")
    {
        var ids = Ids;
        var first = Bound(from, ids) is var start and >= 0 ? start : 0;
        var last = Bound(to, ids);
        if (last >= 0 && first > last)
        {
            throw new MigrationTargetException($"--from {from} comes after --to {to}: lint reads the migrations from the first bound to the second.");
        }

        using var db = CreateContext(sink: null);
        return new MigrationLinter(db).LintUp([.. ids.Skip(first).Take(last - first + 1)]);
    }

    /// <summary>What the plan would run: each <c>Up</c> an upgrade applies, or each <c>Down</c> a downgrade reverts, newest first.</summary>
    /// <exception cref="MigrationLintException">An error-level finding that no allowance covers; nothing was changed.</exception>
    private void ThrowIfLintRefuses(MigrationPlan plan)
    {
        if (plan.IsNothingToDo)
        {
            return;
        }

        var ids = Ids;
        var from = MigrationTarget.IndexOf(plan.From, ids);
        var to = MigrationTarget.IndexOf(plan.To, ids);
        using var db = CreateContext(sink: null);
        var linter = new MigrationLinter(db);
        var report = plan.Command == MigrationCommand.Upgrade
            ? linter.LintUp([.. ids.Skip(from + 1).Take(to - from)])
            : linter.LintDown([.. ids.Skip(to + 1).Take(from - to).Reverse()]);
        if (report.Refuses)
        {
            throw new MigrationLintException(report);
        }
    }

    private static int Bound(string bound, IReadOnlyList<string> ids)
    {
        if (MigrationTarget.IsRelative(bound, out _))
        {
            throw new MigrationTargetException($"'{bound}' is relative to the database, which lint never reads: use {MigrationTarget.AbsoluteForms}.");
        }

        return MigrationTarget.IndexOf(MigrationTarget.ResolveAbsolute(bound, ids), ids);
    }
}
