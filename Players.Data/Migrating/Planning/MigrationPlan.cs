namespace Players.Data.Migrating.Planning;

/// <summary>Where a run starts and where it ends, both as full migration ids (<c>0</c> for the empty database).</summary>
public sealed record MigrationPlan(MigrationCommand Command, string From, string To)
{
    public bool IsNothingToDo => From == To;

    /// <summary>
    /// Resolves <paramref name="target"/> against the current migration and refuses, as Alembic does, a target
    /// that lies the other way or beyond the migrations that exist or are applied.
    /// </summary>
    /// <exception cref="MigrationTargetException">The target is unknown or refused; nothing was changed.</exception>
    public static MigrationPlan Resolve(
        MigrationCommand command, string target, string current, IReadOnlyList<string> migrationIds)
    {
        var verb = command == MigrationCommand.Upgrade ? "upgrade" : "downgrade";
        var currentIndex = MigrationTarget.IndexOf(current, migrationIds);
        int targetIndex;
        if (MigrationTarget.IsRelative(target, out var steps))
        {
            if (steps > 0 != (command == MigrationCommand.Upgrade))
            {
                throw new MigrationTargetException(
                    $"'{verb} {target}' goes the wrong way: use +N with upgrade and -N with downgrade.");
            }

            targetIndex = currentIndex + steps;
            if (targetIndex < -1)
            {
                throw new MigrationTargetException(
                    $"Cannot downgrade {-steps} migrations: only {currentIndex + 1} applied (current: {current}).");
            }

            if (targetIndex >= migrationIds.Count)
            {
                throw new MigrationTargetException(
                    $"Cannot upgrade {steps} migrations: only {migrationIds.Count - currentIndex - 1} pending (current: {current}).");
            }
        }
        else
        {
            targetIndex = MigrationTarget.IndexOf(MigrationTarget.ResolveAbsolute(target, migrationIds), migrationIds);
        }

        var to = MigrationTarget.At(targetIndex, migrationIds);
        if (command == MigrationCommand.Upgrade && targetIndex < currentIndex)
        {
            throw new MigrationTargetException(
                $"Cannot upgrade to {to}: it is below the current migration {current}. Use downgrade.");
        }

        if (command == MigrationCommand.Downgrade && targetIndex > currentIndex)
        {
            throw new MigrationTargetException(
                $"Cannot downgrade to {to}: it is above the current migration {current}. Use upgrade.");
        }

        return new MigrationPlan(command, current, to);
    }
}
