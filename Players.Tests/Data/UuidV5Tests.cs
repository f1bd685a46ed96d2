using Players.Data.Seed;

namespace Players.Tests.Data;

[Trait("Tier", "Fast")]
public sealed class UuidV5Tests
{
    [Theory]
    [InlineData("Lionel-Messi", "acc433bf-d505-51fe-831e-45eb44c4d43c")]
    [InlineData("Damián-Martínez", "01772c59-43f0-5d85-b913-c78e4e281452")]
    [InlineData("Julián-Álvarez", "38bae91d-8519-55a2-b30a-b9fe38849bfb")]
    public void Seed_id_matches_the_RFC_9562_known_answer(string name, string expected)
    {
        var separator = name.IndexOf('-', StringComparison.Ordinal);

        Assert.Equal(expected, SeedIds.For(name[..separator], name[(separator + 1)..]));
    }

    [Fact]
    public void Uuid_v5_of_the_DNS_namespace_matches_the_RFC_example()
    {
        // RFC 9562 Appendix A.4: the DNS namespace and "www.example.com".
        var id = UuidV5.Create(new Guid("6ba7b810-9dad-11d1-80b4-00c04fd430c8"), "www.example.com");

        Assert.Equal("2ed6657d-e927-568b-95e1-2665a8aea6a2", id.ToString());
    }

    [Fact]
    public void Seed_ids_are_lowercase_hyphenated_version_5_uuids()
    {
        var id = SeedIds.For("Ángel", "Di María");

        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", id);
    }
}
