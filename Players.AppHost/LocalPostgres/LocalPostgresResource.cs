namespace Players.AppHost.LocalPostgres;

/// <summary>
/// A PostgreSQL server run from the installed binaries by <c>start-postgres.sh</c>, for machines with no container
/// engine. It listens on loopback only, on the port DCP chooses, and trusts local connections (development only).
/// </summary>
internal sealed class LocalPostgresResource(string name, string command, string workingDirectory)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    public const string PrimaryEndpointName = "tcp";
    public const string SuperUser = "postgres";

    private EndpointReference? _primaryEndpoint;

    public EndpointReference PrimaryEndpoint => _primaryEndpoint ??= new(this, PrimaryEndpointName);

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host={PrimaryEndpoint.Property(EndpointProperty.IPV4Host)};Port={PrimaryEndpoint.Property(EndpointProperty.Port)};Username={SuperUser}");
}
