using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Players.Api.Auth;

namespace Players.Tests.Api;

/// <summary>
/// The API in process on a test server, configured only through the settings it is given. Production, as deployed,
/// with writes explicitly open so that the contract tests need no token; a setting of the caller's may protect them.
/// </summary>
public sealed class PlayersApiFactory(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting(WriteAccess.Key, "open");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
