using System.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql.EntityFrameworkCore.PostgreSQL;

namespace Players.Api.Database;

/// <summary>
/// Npgsql's retrying strategy bounded by elapsed time rather than by a count: a request that cannot reach the
/// database gives up after about <paramref name="budget"/> so the caller can answer 503 instead of hanging.
/// </summary>
internal sealed class BudgetedNpgsqlRetryingExecutionStrategy(ExecutionStrategyDependencies dependencies, TimeSpan budget)
    : NpgsqlRetryingExecutionStrategy(dependencies, maxRetryCount: int.MaxValue, maxRetryDelay: MaxDelay(budget), errorCodesToAdd: null)
{
    private long _started;

    protected override void OnFirstExecution()
    {
        base.OnFirstExecution();
        _started = Stopwatch.GetTimestamp();
    }

    protected override TimeSpan? GetNextDelay(Exception lastException)
    {
        var delay = base.GetNextDelay(lastException);
        if (delay is null)
        {
            return null;
        }

        var remaining = budget - Stopwatch.GetElapsedTime(_started);
        if (remaining <= TimeSpan.Zero)
        {
            return null;
        }

        return delay < remaining ? delay : remaining;
    }

    private static TimeSpan MaxDelay(TimeSpan budget) => budget / 4 > TimeSpan.Zero ? budget / 4 : TimeSpan.FromMilliseconds(1);
}
