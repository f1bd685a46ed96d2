namespace Players.AppHost;

internal static class SettingExtensions
{
    /// <summary>
    /// Gives a service a configuration setting through its environment, the key in its environment variable form
    /// (<c>Players:Migrations:Target</c> → <c>Players__Migrations__Target</c>), so that keys are spelled once, in
    /// Players.Contracts, as the services read them.
    /// </summary>
    public static IResourceBuilder<T> WithSetting<T>(this IResourceBuilder<T> service, string key, string value)
        where T : IResourceWithEnvironment =>
        service.WithEnvironment(key.Replace(":", "__", StringComparison.Ordinal), value);
}
