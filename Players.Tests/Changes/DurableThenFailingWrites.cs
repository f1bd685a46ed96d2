using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Players.Tests.Changes;

/// <summary>
/// While <see cref="Armed"/>, every write fails its caller once it is durable: after its transaction commits, or after a
/// statement that ran outside one (autocommit). The change stands; the call that made it throws <c>fault</c>, as when
/// the connection breaks before the commit's acknowledgement arrives.
/// </summary>
public sealed class DurableThenFailingWrites(Func<Exception> fault) : DbTransactionInterceptor, IDbCommandInterceptor
{
    private volatile bool _armed;

    public bool Armed { get => _armed; set => _armed = value; }

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        Armed ? throw fault() : Task.CompletedTask;

    public ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default) =>
        Armed && command.Transaction is null ? throw fault() : ValueTask.FromResult(result);
}
