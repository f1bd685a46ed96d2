using Players.Data;

namespace Players.Api.Changes;

public static class PlayerChangesExtensions
{
    /// <summary>
    /// How this process sees other processes' changes: the PostgreSQL change channel (with its health check), or
    /// SQLite's data version; and the writes that announce this process's own.
    /// </summary>
    public static IServiceCollection AddPlayerChanges(this IServiceCollection services, DatabaseTarget target)
    {
        services.AddSingleton<ChangeOrigin>();
        services.AddSingleton<PlayerWrites>();
        if (target.Engine == DatabaseEngine.PostgreSql)
        {
            services.AddSingleton<PostgresChangeListener>();
            services.AddHostedService(provider => provider.GetRequiredService<PostgresChangeListener>());
            services.AddSingleton<IPlayerChangeWatch>(provider => provider.GetRequiredService<PostgresChangeListener>());
            services.AddHealthChecks().AddCheck<ChangeChannelCheck>(ChangeChannelCheck.Name);
        }
        else
        {
            services.AddSingleton<IPlayerChangeWatch, SqliteDataVersionWatch>();
        }

        return services;
    }
}
