using Players.Contracts;

namespace Players.AppHost.Worker;

internal static class MigrationsDeployment
{
    /// <summary>
    /// Once deployed, a project whose process exits is restarted (Azure Container Apps), and <c>WaitForCompletion</c>
    /// has no effect: the manifest tells the worker to stay idle after its run instead of exiting (ADR 7). Run mode
    /// keeps the one-shot worker that finishes, which the API waits for.
    /// </summary>
    public static IResourceBuilder<ProjectResource> StaysIdleWhenDeployed(this IResourceBuilder<ProjectResource> worker) =>
        worker.ApplicationBuilder.ExecutionContext.IsPublishMode ? worker.WithSetting(WorkerSettings.IdleAfterRun, "true") : worker;
}
