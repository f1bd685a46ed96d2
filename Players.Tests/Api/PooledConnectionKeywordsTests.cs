using Microsoft.Extensions.Configuration;
using Npgsql;
using Players.Api.Database;

namespace Players.Tests.Api;

/// <summary>
/// The keywords of the API's PostgreSQL connection string are honoured as given, in any spelling Npgsql accepts and
/// whatever their value; the API's own defaults fill in only the keywords it leaves out.
/// </summary>
[Trait("Tier", "Fast")]
public sealed class PooledConnectionKeywordsTests
{
    private const string Server = "Host=localhost;Database=players";

    [Theory]
    [InlineData("Max Auto Prepare=0")]
    [InlineData("MaxAutoPrepare=0")]
    [InlineData("max auto prepare=0")]
    [InlineData("MAXAUTOPREPARE=0")]
    public void Max_auto_prepare_0_in_the_connection_string_stays_0_in_any_spelling(string keyword)
    {
        var shaped = Shape($"{Server};{keyword}");

        Assert.Equal(0, shaped.MaxAutoPrepare);
        Assert.True(shaped.NoResetOnClose);
        Assert.Equal(PooledPostgresConnections.DefaultMaxPoolSize, shaped.MaxPoolSize);
    }

    [Theory]
    [InlineData("No Reset On Close=false")]
    [InlineData("NoResetOnClose=false")]
    public void No_reset_on_close_false_in_the_connection_string_stays_false(string keyword)
    {
        var shaped = Shape($"{Server};{keyword}");

        Assert.False(shaped.NoResetOnClose);
        Assert.Equal(PooledPostgresConnections.MaxAutoPrepare, shaped.MaxAutoPrepare);
    }

    [Theory]
    [InlineData("Maximum Pool Size=100")]
    [InlineData("MaxPoolSize=100")]
    [InlineData("maximum pool size=100")]
    public void The_connection_strings_pool_size_stays_when_the_pool_size_setting_is_absent(string keyword)
    {
        // 100 is Npgsql's own default: set is set, whatever the value.
        Assert.Equal(100, Shape($"{Server};{keyword}").MaxPoolSize);
    }

    [Fact]
    public void Keywords_absent_from_the_connection_string_take_the_apis_defaults()
    {
        var shaped = Shape(Server);

        Assert.True(shaped.NoResetOnClose);
        Assert.Equal(PooledPostgresConnections.MaxAutoPrepare, shaped.MaxAutoPrepare);
        Assert.Equal(PooledPostgresConnections.DefaultMaxPoolSize, shaped.MaxPoolSize);
    }

    [Fact]
    public void Keywords_the_api_does_not_shape_pass_through_unchanged()
    {
        var shaped = Shape($"{Server};Port=6432;Application Name=behind-pooler;Timeout=7");

        Assert.Equal(6432, shaped.Port);
        Assert.Equal("behind-pooler", shaped.ApplicationName);
        Assert.Equal(7, shaped.Timeout);
    }

    private static NpgsqlConnectionStringBuilder Shape(string connectionString) =>
        new(PooledPostgresConnections.ConnectionString(connectionString, new ConfigurationBuilder().Build()));
}
