namespace Players.AppHost.LocalPostgres;

/// <summary>A database on a <see cref="LocalPostgresResource"/>; its name is the connection name services receive.</summary>
internal sealed class LocalPostgresDatabaseResource(string name, string databaseName, LocalPostgresResource parent)
    : Resource(name), IResourceWithParent<LocalPostgresResource>, IResourceWithConnectionString
{
    private readonly TaskCompletionSource _created = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public LocalPostgresResource Parent { get; } = parent;

    public string DatabaseName { get; } = databaseName;

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{Parent};Database={DatabaseName}");

    /// <summary>Completes once the server's ready event has created the database (or found it), faults if that failed.</summary>
    public Task Created => _created.Task;

    public void MarkCreated(Exception? failure = null)
    {
        if (failure is null)
        {
            _created.TrySetResult();
        }
        else
        {
            _created.TrySetException(failure);
        }
    }
}
