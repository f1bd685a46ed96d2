namespace Players.AppHost;

/// <summary>
/// The AppHost's one refusal: a setting the model cannot be built from, or a database that cannot be had. Its message
/// is one line a person can act on, naming settings and values but never a secret; the entry point prints it and exits 2.
/// </summary>
internal sealed class AppHostRefusedException(string message) : Exception(message);
