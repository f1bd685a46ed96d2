using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Players.Data.Migrating;

/// <summary>How long the migrator waits before it gives up, so that a stuck database fails a deployment instead of hanging it.</summary>
/// <param name="Connect">Connecting, retries included (default 30 s).</param>
/// <param name="Lock">
/// Waiting for locks in one run (default 60 s): for the migration lock another migrator holds, and for every retry of
/// a migration whose statement ran out of its <see cref="LockWait"/>.
/// </param>
public sealed record MigratorBudgets(TimeSpan Connect, TimeSpan Lock)
{
    public const string Section = "Players:Migrations";
    public const string ConnectKey = Section + ":ConnectTimeoutSeconds";
    public const string LockKey = Section + ":LockTimeoutSeconds";
    public const string LockWaitKey = Section + ":LockWaitMilliseconds";

    public static MigratorBudgets Default { get; } = new(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60));

    /// <summary>
    /// How long one of a migration's statements may wait for a lock on PostgreSQL before the migration rolls back and
    /// is retried (default 1 s): while it waits, every query on the table queues behind it.
    /// </summary>
    public TimeSpan LockWait { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The budgets from <c>Players:Migrations:ConnectTimeoutSeconds</c>, <c>…:LockTimeoutSeconds</c> and
    /// <c>…:LockWaitMilliseconds</c>.
    /// </summary>
    /// <exception cref="DatabaseConfigurationException">A value is not a positive number of seconds (milliseconds).</exception>
    public static MigratorBudgets From(IConfiguration configuration) => new(
        Seconds(configuration, ConnectKey, Default.Connect),
        Seconds(configuration, LockKey, Default.Lock))
    {
        LockWait = Milliseconds(configuration, LockWaitKey, Default.LockWait),
    };

    private static TimeSpan Milliseconds(IConfiguration configuration, string key, TimeSpan fallback)
    {
        var value = configuration[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds) && milliseconds is > 0 and <= 3_600_000
            ? TimeSpan.FromMilliseconds(milliseconds)
            : throw new DatabaseConfigurationException($"Invalid {key} '{value}': write a whole number of milliseconds greater than 0.");
    }

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
