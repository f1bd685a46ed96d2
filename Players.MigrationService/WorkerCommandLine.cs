using Players.Data.Migrating.Planning;

namespace Players.MigrationService;

/// <summary>A usage error: the worker prints one line and exits 2 without touching the database.</summary>
public sealed class WorkerUsageException(string message) : Exception(message);

/// <summary>What the worker was asked to do, read from its arguments the way Alembic's CLI reads them.</summary>
public sealed record WorkerCommandLine(
    string Command, string? Target = null, string From = "base", string To = "head", bool Idempotent = false, bool Json = false, string? File = null)
{
    public const string Usage =
        "usage: Players.MigrationService [upgrade [TARGET] | downgrade TARGET | status [--json] | history [--json] | script [FROM] [TO] [--idempotent] "
        + "| check | lint [--from X] [--to Y] [--json] | unlock | verify | repair | sum [FILE]]; "
        + "TARGET: " + MigrationTarget.Forms + ".";

    /// <summary>Reads the arguments; with none, upgrades to <paramref name="configuredTarget"/> or head.</summary>
    /// <exception cref="WorkerUsageException">Unknown command, missing or extra argument.</exception>
    public static WorkerCommandLine Parse(IReadOnlyList<string> args, string? configuredTarget)
    {
        var defaultTarget = string.IsNullOrWhiteSpace(configuredTarget) ? "head" : configuredTarget.Trim();
        if (args.Count == 0)
        {
            return new("upgrade", defaultTarget);
        }

        var command = args[0].ToLowerInvariant();
        var rest = args.Skip(1).ToList();
        return command switch
        {
            "upgrade" => new(command, At(rest, 0, 1, command) ?? defaultTarget),
            "downgrade" => new(command, At(rest, 1, 1, command)),
            "status" or "history" => JsonOnly(command, rest),
            "check" or "unlock" or "verify" or "repair" or "help" or "--help" or "-h" => NoArguments(command, rest),
            "sum" => new(command, File: At(rest, 0, 1, command)),
            "script" => Script(rest),
            "lint" => Lint(rest),
            _ => throw new WorkerUsageException($"Unknown command '{args[0]}'. {Usage}"),
        };
    }

    private static WorkerCommandLine NoArguments(string command, List<string> rest)
    {
        At(rest, 0, 0, command);
        return new(command is "--help" or "-h" ? "help" : command);
    }

    private static WorkerCommandLine JsonOnly(string command, List<string> rest)
    {
        var json = rest.RemoveAll(arg => arg == "--json") > 0;
        At(rest, 0, 0, command);
        return new(command, Json: json);
    }

    private static WorkerCommandLine Script(List<string> rest)
    {
        var idempotent = rest.RemoveAll(arg => arg == "--idempotent") > 0;
        At(rest, 0, 2, "script");
        return new("script", From: rest.ElementAtOrDefault(0) ?? "base", To: rest.ElementAtOrDefault(1) ?? "head", Idempotent: idempotent);
    }

    private static WorkerCommandLine Lint(List<string> rest)
    {
        var json = rest.RemoveAll(arg => arg == "--json") > 0;
        var from = Option(rest, "--from", "lint") ?? "base";
        var to = Option(rest, "--to", "lint") ?? "head";
        At(rest, 0, 0, "lint");
        return new("lint", From: from, To: to, Json: json);
    }

    /// <summary>Removes <c>NAME VALUE</c> from <paramref name="rest"/> and returns the value, or null when absent.</summary>
    private static string? Option(List<string> rest, string name, string command)
    {
        var at = rest.IndexOf(name);
        if (at < 0)
        {
            return null;
        }

        if (at == rest.Count - 1 || rest[at + 1].StartsWith("--", StringComparison.Ordinal))
        {
            throw new WorkerUsageException($"'{command} {name}' needs a migration id or name. {Usage}");
        }

        var value = rest[at + 1];
        rest.RemoveRange(at, 2);
        return value;
    }

    private static string? At(List<string> rest, int min, int max, string command)
    {
        if (rest.Count < min)
        {
            throw new WorkerUsageException($"'{command}' needs a target. {Usage}");
        }

        if (rest.Count > max)
        {
            throw new WorkerUsageException($"Unexpected argument '{rest[max]}' for '{command}'. {Usage}");
        }

        return rest.FirstOrDefault();
    }
}
