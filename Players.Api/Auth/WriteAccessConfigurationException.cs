namespace Players.Api.Auth;

/// <summary><c>Players:Api:Writes</c> or the bearer configuration it needs is missing or wrong: the API must not start.</summary>
public sealed class WriteAccessConfigurationException(string message) : Exception(message);
