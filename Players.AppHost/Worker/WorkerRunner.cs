using Microsoft.Extensions.DependencyInjection;
using Players.Contracts;

namespace Players.AppHost.Worker;

/// <summary>
/// Runs the real worker once with given arguments from a resource command: the arguments go to the holder its
/// <c>WithArgs</c> callback reads, the built-in start command starts it, and the command waits for that run to end
/// and reads the result file named for it. One command at a time, each within its own timeout.
/// </summary>
internal sealed class WorkerRunner(NextWorkerRun next)
{
    public static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);

    /// <summary>The snapshot property DCP fills with a run's process id (Aspire's <c>KnownProperties.Executable.Pid</c>).</summary>
    private const string ProcessIdProperty = "executable.pid";

    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    public bool IsBusy => _oneAtATime.CurrentCount == 0;

    /// <summary>
    /// Runs <paramref name="command"/> between the worker's runs only: not while another command runs, and not before
    /// the worker's own run (the start-up upgrade, or a Start) has finished, which a command's start would replace.
    /// </summary>
    public async Task<ExecuteCommandResult> ExclusivelyAsync(ExecuteCommandContext context, Func<Task<ExecuteCommandResult>> command)
    {
        // ResourceCommandService (the CLI's way in) does not consult a command's state: the command guards itself.
        if (!await _oneAtATime.WaitAsync(TimeSpan.Zero))
        {
            return CommandResults.Failure("a migration command is running; try again when it has finished");
        }

        try
        {
            var state = context.Services.GetRequiredService<ResourceNotificationService>()
                .TryGetCurrentState(context.ResourceName, out var current) ? current.Snapshot.State?.Text : null;
            return state == KnownResourceStates.Finished
                ? await command()
                : CommandResults.Failure($"the worker is {state ?? "not started"}: a command runs once its current run has finished");
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    /// <summary>Starts the worker with <paramref name="arguments"/> and returns its result once that run has ended.</summary>
    public async Task<WorkerResult> RunAsync(ExecuteCommandContext context, IReadOnlyList<string> arguments)
    {
        var resultFile = Path.Combine(Path.GetTempPath(), $"players-migrations-{Guid.NewGuid():N}.json");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        timeout.CancelAfter(RunTimeout);
        var notifications = context.Services.GetRequiredService<ResourceNotificationService>();
        var commands = context.Services.GetRequiredService<ResourceCommandService>();
        try
        {
            var lastRun = notifications.TryGetCurrentState(context.ResourceName, out var current) ? ProcessId(current.Snapshot) : null;
            var subscribed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var ended = WaitForRunToEndAsync(notifications, context.ResourceName, lastRun, subscribed, timeout.Token);
            await subscribed.Task.WaitAsync(timeout.Token);

            var start = await next.ForStartAsync(
                [.. arguments, WorkerResult.FileOption, resultFile],
                () => commands.ExecuteCommandAsync(context.ResourceName, KnownResourceCommands.StartCommand, timeout.Token));
            if (!start.Success)
            {
                return new WorkerResult(-1, $"the worker could not be started: {start.Message}", "");
            }

            var exitCode = await ended;
            // A run that writes no result did not end as the worker ends, whatever its exit code.
            return await WorkerResult.ReadAsync(resultFile, CancellationToken.None)
                ?? new WorkerResult(exitCode is null or 0 ? -1 : exitCode.Value, "the worker ended without writing its result; its console says why", "");
        }
        catch (OperationCanceledException) when (!context.CancellationToken.IsCancellationRequested)
        {
            await commands.ExecuteCommandAsync(context.ResourceName, KnownResourceCommands.StopCommand, CancellationToken.None);
            return new WorkerResult(-1, $"the worker did not finish within {RunTimeout.TotalSeconds:0} s and was stopped", "");
        }
        finally
        {
            await timeout.CancelAsync(); // ends the watch when the run never started
            File.Delete(resultFile);
        }
    }

    /// <summary>
    /// The exit code of the next run of the resource: its <c>Finished</c> counts only after it was seen starting or
    /// running, since the current snapshot (replayed first, and still carried by <c>Starting</c>) is the last run's,
    /// and only from another process than <paramref name="lastRun"/>: on a loaded machine the last run's process was
    /// seen reported <c>Finished</c> again after the new run's <c>Starting</c>.
    /// </summary>
    private static async Task<int?> WaitForRunToEndAsync(
        ResourceNotificationService notifications, string resourceId, object? lastRun, TaskCompletionSource subscribed, CancellationToken cancellationToken)
    {
        var started = false;
        await foreach (var update in notifications.WatchAsync(cancellationToken))
        {
            subscribed.TrySetResult();
            if (update.ResourceId != resourceId)
            {
                continue;
            }

            var state = update.Snapshot.State?.Text;
            if (state == KnownResourceStates.Starting || state == KnownResourceStates.Running)
            {
                started = true;
            }
            else if (started && !Equals(ProcessId(update.Snapshot), lastRun) && (state == KnownResourceStates.Finished || state == KnownResourceStates.FailedToStart || state == KnownResourceStates.Exited))
            {
                return update.Snapshot.ExitCode;
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        return null;
    }

    private static object? ProcessId(CustomResourceSnapshot snapshot) =>
        snapshot.Properties.FirstOrDefault(property => property.Name == ProcessIdProperty)?.Value;
}
