namespace Players.Data;

/// <summary>The configured database cannot be used as written. The message is one line and never holds a password.</summary>
public sealed class DatabaseConfigurationException(string message) : Exception(message);
