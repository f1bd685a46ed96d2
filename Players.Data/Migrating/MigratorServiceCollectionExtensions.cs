using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Players.Data.Migrating;

public static class MigratorServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="PlayersMigrator"/> for the database the configuration selects, with the budgets of
    /// <c>Players:Migrations</c>. Resolving it throws <see cref="DatabaseConfigurationException"/> for a bad setting.
    /// </summary>
    public static IServiceCollection AddPlayersMigrator(this IServiceCollection services) =>
        services.AddSingleton(provider =>
        {
            var configuration = provider.GetRequiredService<IConfiguration>();
            return new PlayersMigrator(
                DatabaseSelection.Resolve(configuration),
                provider.GetRequiredService<ILoggerFactory>(),
                MigratorBudgets.From(configuration));
        });
}
