using System.Text.Json.Nodes;
using Players.Tests.Infrastructure;

namespace Players.Tests.Distributed;

/// <summary>What <c>azd</c> deploys: the manifest of <c>--publisher manifest</c>, built without starting anything.</summary>
/// <remarks>
/// The manifest is published once for the class, with a replica count set: since the manifest carries no replica
/// count, the same document answers every test here.
/// </remarks>
[Trait("Tier", "Process")]
public sealed class ManifestTests(PublishedManifest published) : IClassFixture<PublishedManifest>
{

    [Fact]
    public void The_manifest_models_postgres_as_a_container_and_the_services_as_projects_with_their_references()
    {
        var resources = published.Manifest["resources"]!.AsObject();

        Assert.StartsWith("container.", Type(resources["postgres"]));
        Assert.Equal("value.v0", Type(resources["playersdb"]));
        Assert.Contains("{postgres.connectionString}", (string?)resources["playersdb"]!["connectionString"]);
        Assert.True(resources["postgres-password"]?["inputs"]?["value"]?["secret"]?.GetValue<bool>(), "The PostgreSQL password must be a secret parameter.");
        foreach (var service in new[] { "migrations", "api" })
        {
            Assert.StartsWith("project.", Type(resources[service]));
            Assert.Equal("{playersdb.connectionString}", (string?)resources[service]!["env"]!["ConnectionStrings__playersdb"]);
        }

        Assert.True(resources["api"]!["bindings"]!["http"]!["external"]!.GetValue<bool>(), "The api's http endpoint must be external.");
    }

    [Fact]
    public void The_deployed_worker_is_told_to_stay_idle_after_its_run_and_the_api_is_not()
    {
        var resources = published.Manifest["resources"]!.AsObject();

        Assert.Equal("true", (string?)resources["migrations"]!["env"]!["Players__Migrations__IdleAfterRun"]);
        Assert.Null(resources["api"]!["env"]!["Players__Migrations__IdleAfterRun"]);
    }

    [Fact]
    public void The_deployed_api_is_told_not_to_migrate_since_the_worker_owns_the_schema()
    {
        var resources = published.Manifest["resources"]!.AsObject();

        // The API migrates at start-up unless told otherwise, whatever names its database.
        Assert.Equal("false", (string?)resources["api"]!["env"]!["Players__MigrateOnStartup"]);
        Assert.Null(resources["migrations"]!["env"]!["Players__MigrateOnStartup"]);
    }

    [Fact]
    public void The_manifest_carries_no_replica_count_wait_or_probe_so_the_readme_promises_none()
    {
        var manifest = published.Manifest;
        var api = manifest["resources"]!["api"]!.AsObject();

        Assert.DoesNotContain(api, property => property.Key.Contains("replica", StringComparison.OrdinalIgnoreCase)
            || property.Key.Contains("probe", StringComparison.OrdinalIgnoreCase)
            || property.Key.Contains("wait", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("replica", manifest.ToJsonString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_manifest_protects_the_api_writes_and_asks_for_the_token_authority_and_audience_as_parameters()
    {
        var resources = published.Manifest["resources"]!.AsObject();
        var env = resources["api"]!["env"]!;

        Assert.Equal("protected", (string?)env["Players__Api__Writes"]);
        foreach (var (variable, parameter) in new[]
        {
            ("Authentication__Schemes__Bearer__Authority", "api-auth-authority"),
            ("Authentication__Schemes__Bearer__ValidAudiences__0", "api-auth-audience"),
        })
        {
            Assert.Equal($"{{{parameter}.value}}", (string?)env[variable]);
            Assert.Equal("parameter.v0", Type(resources[parameter]));
            // No default: the deployment must say which issuer and audience it trusts.
            Assert.Null(resources[parameter]!["inputs"]!["value"]!["default"]);
        }

        // Nor a Development environment that would open them again.
        Assert.Null(env["ASPNETCORE_ENVIRONMENT"]);
    }

    [Fact]
    public void The_manifest_holds_no_path_of_this_machine()
    {
        var manifest = published.Manifest;
        var strings = manifest.ToJsonString();

        Assert.DoesNotContain(BuiltAppHost.RepositoryRoot, strings, StringComparison.Ordinal);
        Assert.DoesNotContain("/usr/lib/postgresql", strings, StringComparison.Ordinal);
        Assert.DoesNotContain("start-postgres.sh", strings, StringComparison.Ordinal);
        foreach (var service in new[] { "migrations", "api" })
        {
            var path = (string)manifest["resources"]![service]!["path"]!;
            Assert.False(Path.IsPathRooted(path), $"{service} has the absolute path {path}.");
            Assert.True(File.Exists(Path.Combine(published.OutputDirectory, path)), $"{service}'s path {path} does not lead to its project.");
        }
    }

    private static string? Type(JsonNode? resource) => (string?)resource?["type"];
}

/// <summary>
/// The manifest of one <c>--publisher manifest</c> run of the built AppHost (with <c>Players:Api:Replicas=3</c>),
/// written inside the repository (artifacts/ is ignored by git), so project paths come out as they do for azd: relative.
/// </summary>
public sealed class PublishedManifest : IAsyncLifetime
{
    private readonly DirectoryInfo _output = Directory.CreateDirectory(
        Path.Combine(BuiltAppHost.RepositoryRoot, "artifacts", $"manifest-{Guid.NewGuid():N}"));

    public string OutputDirectory => _output.FullName;

    public JsonNode Manifest { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var manifestPath = Path.Combine(_output.FullName, "aspire-manifest.json");
        var run = await ProcessRun.RunAsync(
            BuiltAppHost.StartInfo(["--publisher", "manifest", "--output-path", manifestPath, "--Players:Api:Replicas=3"]),
            TimeSpan.FromSeconds(60), "The AppHost's manifest publish");
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"The AppHost's manifest publish failed: {run}");
        }

        Manifest = JsonNode.Parse(await File.ReadAllTextAsync(manifestPath))!;
    }

    public Task DisposeAsync()
    {
        _output.Delete(recursive: true);
        return Task.CompletedTask;
    }
}
