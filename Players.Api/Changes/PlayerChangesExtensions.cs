using Players.Data;

namespace Players.Api.Changes;

public static class PlayerChangesExtensions
{
    /// <summary>
    /// How this process sees other processes' changes: the PostgreSQL change channel (with its heartbeat and health check), or
    /// SQLite's data version; and the writes that announce this process's own.
    /// </summary>
    /// <exception cref="DatabaseConfigurationException">A change channel setting is malformed.</exception>
    public static IServiceCollection AddPlayerChanges(this IServiceCollection services, DatabaseTarget target, IConfiguration configuration)
    {
        services.AddSingleton<ChangeOrigin>();
        services.AddSingleton<PlayerWrites>();
        if (target.Engine == DatabaseEngine.PostgreSql)
        {
            services.AddSingleton(ChangeChannelSettings.From(configuration, target));
            services.AddSingleton<ChangeChannelHeartbeat>();
            services.AddHostedService(provider => provider.GetRequiredService<ChangeChannelHeartbeat>());
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
