using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Players.Data.Migrating;

/// <summary>How long the migrator waits before it gives up, so that a stuck database fails a deployment instead of hanging it.</summary>
/// <param name="Connect">Connecting, retries included (default 30 s).</param>
/// <param name="Lock">Waiting for the migration lock another migrator holds (default 60 s).</param>
public sealed record MigratorBudgets(TimeSpan Connect, TimeSpan Lock)
{
    public const string Section = "Players:Migrations";
    public const string ConnectKey = Section + ":ConnectTimeoutSeconds";
    public const string LockKey = Section + ":LockTimeoutSeconds";

    public static MigratorBudgets Default { get; } = new(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60));

    /// <summary>The budgets from <c>Players:Migrations:ConnectTimeoutSeconds</c> and <c>…:LockTimeoutSeconds</c>.</summary>
    /// <exception cref="DatabaseConfigurationException">A value is not a positive number of seconds.</exception>
    public static MigratorBudgets From(IConfiguration configuration) => new(
        Seconds(configuration, ConnectKey, Default.Connect),
        Seconds(configuration, LockKey, Default.Lock));

    private static TimeSpan Seconds(IConfiguration configuration, string key, TimeSpan fallback)
    {
        var value = configuration[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 && seconds <= 86_400
            ? TimeSpan.FromSeconds(seconds)
            : throw new DatabaseConfigurationException($"Invalid {key} '{value}': write a number of seconds greater than 0.");
    }
}
