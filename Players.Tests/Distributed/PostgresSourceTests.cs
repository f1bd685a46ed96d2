extern alias AppHost;

using Aspire.Hosting;
using Microsoft.Extensions.Configuration;
using AppHost::Players.AppHost;

namespace Players.Tests.Distributed;

/// <summary>How the AppHost chooses where PostgreSQL comes from (<c>Players:Postgres:Source</c>).</summary>
public sealed class PostgresSourceTests
{
    [Theory]
    [InlineData("local", PostgresSource.Local)]
    [InlineData("LOCAL", PostgresSource.Local)]
    [InlineData("container", PostgresSource.Container)]
    public void A_forced_source_is_taken_as_configured(string configured, PostgresSource expected) =>
        Assert.Equal(expected, PostgresSourceSelection.Choose(Configuration(configured), isPublishMode: false));

    [Theory]
    [InlineData(null)]
    [InlineData("local")]
    public void Publish_mode_always_models_a_container(string? configured) =>
        Assert.Equal(PostgresSource.Container, PostgresSourceSelection.Choose(Configuration(configured), isPublishMode: true));

    [Fact]
    public void An_unknown_source_is_refused_naming_the_setting_and_the_accepted_values()
    {
        var error = Assert.Throws<DistributedApplicationException>(() =>
            PostgresSourceSelection.Choose(Configuration("kubernetes"), isPublishMode: false));

        Assert.Equal("Players:Postgres:Source must be auto, container or local; it is 'kubernetes'.", error.Message);
    }

    private static IConfiguration Configuration(string? source) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [PostgresSourceSelection.ConfigurationKey] = source })
            .Build();
}
