namespace Players.AppHost.Worker;

/// <summary>
/// The values a command passes on to the worker's command line. No target or bound begins with <c>--</c>, and one that
/// did would reach the worker as an option (<c>--result-file</c>, <c>--json</c>): it is refused before anything runs.
/// </summary>
internal static class CommandValues
{
    /// <summary>Why the command's values are refused, or null when none begins with <c>--</c>.</summary>
    public static string? Refusal(InteractionInputCollection arguments) =>
        arguments.FirstOrDefault(argument => argument.Value?.StartsWith("--", StringComparison.Ordinal) == true) is { } option
            ? $"the value '{option.Value}' of '{option.Name}' begins with '--': no migration target does, and the worker would read it as an option; nothing was run"
            : null;
}
