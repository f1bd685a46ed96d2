namespace Players.Data.Migrating.Locking;

/// <summary>
/// One run's budget for waiting on locks (<c>Players:Migrations:LockTimeoutSeconds</c>), shared by the wait for the
/// migration lock and by every lock wait a migration's statements ran out of: what is spent, how often a migration
/// was retried, and who blocked it last.
/// </summary>
internal sealed class LockWaitBudget(TimeSpan total, TimeSpan lockWait)
{
    private TimeSpan _spent;

    /// <summary>The whole budget of the run.</summary>
    public TimeSpan Total => total;

    /// <summary>How long one statement may wait for a lock before its migration is rolled back and retried.</summary>
    public TimeSpan LockWait => lockWait;

    public TimeSpan Spent => _spent;

    public TimeSpan Remaining => _spent >= total ? TimeSpan.Zero : total - _spent;

    /// <summary>The migration whose statements run now, once one runs.</summary>
    public string? Migration { get; set; }

    /// <summary>Lock-wait retries of the run so far.</summary>
    public int Retries { get; private set; }

    /// <summary>The sessions that blocked the last wait, as seen while it lasted; empty when none was seen.</summary>
    public IReadOnlyList<string> Blockers { get; set; } = [];

    /// <summary>Raised before each retry of a migration that ran out of its lock wait.</summary>
    public event Action<LockWaitRetry>? Retrying;

    public void Spend(TimeSpan waited) => _spent += waited < TimeSpan.Zero ? TimeSpan.Zero : waited;

    /// <summary>
    /// The jittered delay before the next attempt after a statement waited <paramref name="waited"/> in vain, or null
    /// when what is left of the budget cannot cover another attempt.
    /// </summary>
    public TimeSpan? NextRetry(TimeSpan waited)
    {
        // Exponential from a tenth of the lock wait, capped at twice it; the jitter keeps replicas of a migrator
        // (or a migrator and a busy reader's own retries) from meeting again at the same moment.
        var ceiling = Math.Min(lockWait.TotalMilliseconds * 2, lockWait.TotalMilliseconds / 10 * Math.Pow(2, Retries));
        var delay = TimeSpan.FromMilliseconds(ceiling * (0.5 + (Random.Shared.NextDouble() / 2)));
        if (Remaining < delay + lockWait / 2)
        {
            return null;
        }

        Spend(delay);
        Retries++;
        Retrying?.Invoke(new LockWaitRetry(Retries, waited, delay, Remaining, Blockers));
        return delay;
    }
}

/// <summary>One retry of a migration whose statement ran out of its lock wait.</summary>
internal sealed record LockWaitRetry(int Attempt, TimeSpan Waited, TimeSpan Delay, TimeSpan Remaining, IReadOnlyList<string> Blockers);
