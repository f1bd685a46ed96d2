using Players.Data.Migrating.Recording;

namespace Players.Tests.Recording;

/// <summary>The build a run record names: the SDK's informational version, whose <c>+</c> suffix is the commit when built from git.</summary>
[Trait("Tier", "Fast")]
public sealed class BuildIdentityTests
{
    [Theory]
    [InlineData("1.0.0+67c0af6352ade4bde960eaf2b7ea8be269008935", "67c0af6352ade4bde960eaf2b7ea8be269008935")]
    [InlineData("2.1.0-beta.3+67C0AF6", "67c0af6")]
    [InlineData("1.0.0", null)]
    [InlineData("1.0.0+build.7", null)]
    [InlineData("1.0.0+", null)]
    public void The_commit_is_the_hash_after_the_plus_and_null_without_one(string informationalVersion, string? commit)
    {
        var build = BuildIdentity.Parse(informationalVersion);

        Assert.Equal((informationalVersion, commit), (build.Version, build.Commit));
    }

    [Fact]
    public void This_build_names_the_version_it_was_built_with()
    {
        Assert.StartsWith("1.0.0", BuildIdentity.Current.Version, StringComparison.Ordinal);
        if (Directory.Exists(Path.Combine(Infrastructure.RepositoryFiles.Root, ".git")) || File.Exists(Path.Combine(Infrastructure.RepositoryFiles.Root, ".git")))
        {
            Assert.NotNull(BuildIdentity.Current.Commit);
        }
    }
}
