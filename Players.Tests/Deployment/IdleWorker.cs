using Players.Tests.Infrastructure;
using Players.Tests.Worker;

namespace Players.Tests.Deployment;

/// <summary>The worker as deployed (<c>Players__Migrations__IdleAfterRun=true</c>), left running as a <see cref="ServiceProcess"/>.</summary>
public static class IdleWorker
{
    public static ServiceProcess Start(string databaseUrl, IReadOnlyDictionary<string, string>? environment = null, params string[] arguments)
    {
        var settings = new Dictionary<string, string>(environment ?? new Dictionary<string, string>())
        {
            ["Players__Migrations__IdleAfterRun"] = "true",
        };
        return WorkerProcess.Start(databaseUrl, settings, arguments);
    }
}
