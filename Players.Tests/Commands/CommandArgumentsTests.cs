extern alias AppHost;

using AppHost::Players.AppHost.Worker;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Players.MigrationService;

namespace Players.Tests.Commands;

/// <summary>
/// What a command hands the worker, in process: pending arguments never outlive the Start they were set for, values
/// that look like options are refused, and the worker takes its result-file option only from the end, where the
/// AppHost puts it.
/// </summary>
[Trait("Tier", "Fast")]
public sealed class CommandArgumentsTests
{
    private static readonly string[] Downgrade = ["downgrade", "base"];

    [Fact]
    public async Task The_start_they_were_set_for_reads_the_arguments_and_nothing_is_left_after_it()
    {
        var next = new NextWorkerRun();

        var seen = await next.ForStartAsync(Downgrade, () => Task.FromResult(next.Take()));

        Assert.Equal(Downgrade, seen);
        Assert.Empty(next.Take());
    }

    [Fact]
    public async Task A_start_that_is_refused_or_cancelled_leaves_no_arguments_for_the_next_plain_start()
    {
        var next = new NextWorkerRun();

        var refused = await next.ForStartAsync(Downgrade, () => Task.FromResult(CommandResults.Canceled()));

        Assert.False(refused.Success);
        Assert.Empty(next.Take());
    }

    [Fact]
    public async Task A_start_that_throws_leaves_no_arguments_for_the_next_plain_start()
    {
        var next = new NextWorkerRun();

        await Assert.ThrowsAsync<OperationCanceledException>(() =>
            next.ForStartAsync<ExecuteCommandResult>(Downgrade, () => throw new OperationCanceledException()));

        Assert.Empty(next.Take());
    }

    [Theory]
    [InlineData("--result-file")]
    [InlineData("--json")]
    [InlineData("--")]
    public void A_value_that_begins_with_two_dashes_is_refused_naming_it(string value)
    {
        var refusal = CommandValues.Refusal(Values(("target", value)));

        Assert.NotNull(refusal);
        Assert.Contains($"'{value}' of 'target' begins with '--'", refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("+1")]
    [InlineData("head")]
    [InlineData("SeedStartingEleven")]
    public void Targets_pass(string value) => Assert.Null(CommandValues.Refusal(Values(("from", "base"), ("target", value))));

    [Fact]
    public void The_result_file_is_taken_from_the_last_two_arguments_even_when_a_value_before_it_spells_the_option()
    {
        var (arguments, resultFile) = WorkerResultFile.Split(["upgrade", "--result-file", "--result-file", "/tmp/run.json"]);

        Assert.Equal(["upgrade", "--result-file"], arguments);
        Assert.Equal(("/tmp/run.json", (string?)null), resultFile);
        // A value stays a value: the target resolution refuses it as an unknown target, exit 2.
        Assert.Equal("--result-file", WorkerCommandLine.Parse(arguments, null).Target);
    }

    [Fact]
    public void The_option_anywhere_but_at_the_end_is_not_the_workers_and_the_command_refuses_it()
    {
        string[] args = ["upgrade", "--result-file", "/tmp/run.json", "head"];

        var (arguments, resultFile) = WorkerResultFile.Split(args);

        Assert.Equal(args, arguments);
        Assert.Equal((null, null), resultFile);
        var refused = Assert.Throws<WorkerUsageException>(() => WorkerCommandLine.Parse(arguments, null));
        Assert.Contains("Unexpected argument", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_option_last_without_a_file_is_a_usage_error()
    {
        var (_, resultFile) = WorkerResultFile.Split(["status", "--result-file"]);

        Assert.Null(resultFile.Path);
        Assert.Contains("needs a file", resultFile.Error, StringComparison.Ordinal);
    }

    private static InteractionInputCollection Values(params (string Name, string Value)[] values) =>
        new([.. values.Select(value => new InteractionInput { Name = value.Name, InputType = InputType.Choice, Value = value.Value })]);
}
