using Microsoft.Extensions.Logging;
using Players.Contracts;

namespace Players.AppHost.Worker;

/// <summary>
/// The worker's commands on the dashboard and the Aspire CLI (<c>aspire resource migrations NAME</c>). Each runs the
/// real worker with the command's arguments (ADR 12); the names are a contract scripts rely on.
/// </summary>
internal static class MigrationCommandsExtensions
{
    public static IResourceBuilder<ProjectResource> WithMigrationCommands(this IResourceBuilder<ProjectResource> worker)
    {
        if (worker.ApplicationBuilder.ExecutionContext.IsPublishMode)
        {
            return worker;
        }

        var next = new NextWorkerRun();
        var runner = new WorkerRunner(next);
        worker.WithArgs(context =>
        {
            foreach (var argument in next.Take())
            {
                context.Args.Add(argument);
            }
        });

        Add(worker, runner, "status", "Status", "Every migration, applied or pending, as JSON; the table goes to the console.", [],
            (context, _) => StatusAsync(context, runner));
        Add(worker, runner, "history", "History", "Every recorded apply and revert, newest first, as JSON; the table goes to the console.", [],
            (context, _) => HistoryAsync(context, runner));
        Add(worker, runner, "upgrade", "Upgrade", "Apply pending migrations up to a target.",
            [Choice("target", "Target", MigrationTargets.Upgrade)],
            (context, arguments) => RunAsync(context, runner, ["upgrade", arguments.GetString("target") ?? MigrationTargets.Head]));
        Add(worker, runner, "downgrade", "Downgrade", "Revert applied migrations down to a target.",
            [Choice("target", "Target", MigrationTargets.Downgrade)],
            (context, arguments) => RunAsync(context, runner, ["downgrade", arguments.GetString("target") ?? MigrationTargets.OneStepBack]),
            confirmation: DowngradeConfirmation());
        Add(worker, runner, "reset", "Reset", "Revert every migration, then apply them all again.", [],
            (context, _) => ResetAsync(context, runner),
            confirmation: "Drops the players table and recreates it with the 25 seeded players: every player created or edited through the API is lost.");
        Add(worker, runner, "script", "Script", "The SQL of a range of migrations, without touching the database.",
            [Choice("from", "From", MigrationTargets.Bounds), Choice("to", "To", MigrationTargets.Bounds, MigrationTargets.Head)],
            (context, arguments) => ScriptAsync(context, runner, arguments.GetString("from") ?? MigrationTargets.Base, arguments.GetString("to") ?? MigrationTargets.Head));
        Add(worker, runner, "unlock", "Unlock", "Remove a stale SQLite migration lock, after checking no migration holds it.", [],
            (context, _) => RunAsync(context, runner, ["unlock"]));
        Add(worker, runner, "verify", "Verify", "Compare each applied migration's recorded checksum with this build's (exit 3 on drift).", [],
            (context, _) => ReportAsync(context, runner, "verify"));
        Add(worker, runner, "check", "Check", "Compare the live schema with the last applied migration (exit 4 on differences).", [],
            (context, _) => ReportAsync(context, runner, "check"));
        Add(worker, runner, "lint", "Lint", "Check what each migration's Up does for what can hurt a live database, offline (exit 5 on an error no [AllowLint] allows).",
            [Choice("from", "From", MigrationTargets.Bounds), Choice("to", "To", MigrationTargets.Bounds, MigrationTargets.Head)],
            (context, arguments) => ReportAsync(context, runner, "lint", "--from", arguments.GetString("from") ?? MigrationTargets.Base, "--to", arguments.GetString("to") ?? MigrationTargets.Head));
        return worker;
    }

    private static void Add(
        IResourceBuilder<ProjectResource> worker,
        WorkerRunner runner,
        string name,
        string displayName,
        string description,
        IReadOnlyList<InteractionInput> arguments,
        Func<ExecuteCommandContext, InteractionInputCollection, Task<ExecuteCommandResult>> execute,
        string? confirmation = null) =>
        worker.WithCommand(
            name,
            displayName,
            context => CommandValues.Refusal(context.Arguments) is { } refusal
                ? Task.FromResult(CommandResults.Failure(refusal))
                : runner.ExclusivelyAsync(context, () => execute(context, context.Arguments)),
            new CommandOptions
            {
                Description = description,
                Arguments = arguments,
                ConfirmationMessage = confirmation,
                // Between runs only: a start while the worker runs would kill that run.
                UpdateState = state => state.ResourceSnapshot.State?.Text == KnownResourceStates.Finished && !runner.IsBusy
                    ? ResourceCommandState.Enabled
                    : ResourceCommandState.Disabled,
            });

    private static InteractionInput Choice(string name, string label, IReadOnlyList<string> options, string? value = null) => new()
    {
        Name = name,
        Label = label,
        InputType = InputType.Choice,
        Options = [.. options.Select(option => KeyValuePair.Create(option, option))],
        Value = value ?? options[0],
        Required = true,
    };

    private static string DowngradeConfirmation() =>
        "Reverts migrations, newest first, down to the target you choose next (-1: the last applied one). From head, "
        + string.Join("; ", MigrationTargets.Downgrade.Skip(1).Select(target => $"{target} reverts {MigrationTargets.RevertedFromHead(target)}"))
        + ". A seed migration's revert deletes only the players it seeded; CreatePlayersTable's drops the table with every player.";

    private static async Task<ExecuteCommandResult> RunAsync(ExecuteCommandContext context, WorkerRunner runner, string[] arguments)
    {
        var result = await runner.RunAsync(context, arguments);
        return result.Succeeded ? CommandResults.Success(result.Message) : CommandResults.Failure(result.FailureMessage);
    }

    private static async Task<ExecuteCommandResult> StatusAsync(ExecuteCommandContext context, WorkerRunner runner)
    {
        var result = await runner.RunAsync(context, ["status", "--json"]);
        if (!result.Succeeded)
        {
            return CommandResults.Failure(result.FailureMessage);
        }

        var status = StatusDocument.Parse(result.Output);
        if (status is not null)
        {
            context.Logger.LogInformation("Migrations:\n{Table}", status.ToMarkdown());
        }

        return CommandResults.Success(status?.Summary() ?? result.Message, result.Output, CommandResultFormat.Json, displayImmediately: true);
    }

    private static async Task<ExecuteCommandResult> HistoryAsync(ExecuteCommandContext context, WorkerRunner runner)
    {
        var result = await runner.RunAsync(context, ["history", "--json"]);
        if (!result.Succeeded)
        {
            return CommandResults.Failure(result.FailureMessage);
        }

        var runs = HistoryDocument.Parse(result.Output);
        if (runs is not null)
        {
            context.Logger.LogInformation("Runs of migrations, newest first:\n{Table}", runs.ToMarkdown());
        }

        return CommandResults.Success(runs?.Summary() ?? result.Message, result.Output, CommandResultFormat.Json, displayImmediately: true);
    }

    /// <summary>A read-only command whose report (one line per finding) is the result's data, passed or failed.</summary>
    private static async Task<ExecuteCommandResult> ReportAsync(ExecuteCommandContext context, WorkerRunner runner, params string[] arguments)
    {
        var result = await runner.RunAsync(context, arguments);
        var report = new CommandResultData { Value = result.Output, Format = CommandResultFormat.Text };
        return result.Succeeded ? CommandResults.Success(result.Message, report) : CommandResults.Failure(result.FailureMessage, report);
    }

    private static async Task<ExecuteCommandResult> ScriptAsync(ExecuteCommandContext context, WorkerRunner runner, string from, string to)
    {
        var result = await runner.RunAsync(context, ["script", from, to]);
        return result.Succeeded
            ? CommandResults.Success(result.Message, result.Output, CommandResultFormat.Text, displayImmediately: true)
            : CommandResults.Failure(result.FailureMessage);
    }

    /// <summary>Two runs under one command: nothing else may run between them.</summary>
    private static async Task<ExecuteCommandResult> ResetAsync(ExecuteCommandContext context, WorkerRunner runner)
    {
        var downgrade = await runner.RunAsync(context, ["downgrade", MigrationTargets.Base]);
        if (!downgrade.Succeeded)
        {
            return CommandResults.Failure(downgrade.FailureMessage);
        }

        var upgrade = await runner.RunAsync(context, ["upgrade", MigrationTargets.Head]);
        return upgrade.Succeeded
            ? CommandResults.Success($"{downgrade.Message} {upgrade.Message}")
            : CommandResults.Failure($"{upgrade.FailureMessage} (after {downgrade.Message})");
    }
}
