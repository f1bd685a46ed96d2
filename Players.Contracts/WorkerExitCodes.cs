namespace Players.Contracts;

/// <summary>The worker's exit codes (the table in docs/migrations.md, "Output and exit codes", which a test reads).</summary>
public static class WorkerExitCodes
{
    /// <summary>Done, or nothing to do.</summary>
    public const int Success = 0;

    /// <summary>Could not complete: a failing migration, the database unreachable, the lock budget spent.</summary>
    public const int Failure = 1;

    /// <summary>Usage or configuration error; nothing was touched.</summary>
    public const int UsageError = 2;

    /// <summary>An applied migration's checksum differs from this build's: the database ran other code.</summary>
    public const int Drift = 3;

    /// <summary><c>check</c> found differences between the live schema and the migrations.</summary>
    public const int SchemaDifferences = 4;

    /// <summary><c>lint</c> found an error-level finding no <c>[AllowLint]</c> allows; <c>upgrade</c>/<c>downgrade</c> refuse it, changing nothing.</summary>
    public const int LintRefused = 5;
}
