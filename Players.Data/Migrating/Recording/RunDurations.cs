using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Players.Data.Migrating.Recording;

/// <summary>
/// Writes a migration's duration into its run record as the history statement is sent, the last of the migration's
/// statements, in its transaction: measured by the migrator's clock, from the migration's first attempt, so that
/// neither a clock on the database server nor a retried transaction's start skews it. Only the migrator's contexts
/// have it; a script keeps what its SQL computes.
/// </summary>
internal sealed class RunDurations(RunRecorder recorder) : DbCommandInterceptor
{
    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (command.CommandText.Contains(RunRecordTable.DurationMarker, StringComparison.Ordinal))
        {
            command.CommandText = command.CommandText.Replace(
                RunRecordTable.DurationMarker, recorder.ElapsedMilliseconds.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }

        return ValueTask.FromResult(result);
    }
}
