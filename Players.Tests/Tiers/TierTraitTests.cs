namespace Players.Tests.Tiers;

/// <summary>
/// xunit v2 has no assembly-wide default trait, so <c>dotnet test --filter Tier=Fast</c> would silently leave out a test
/// class that names no tier: every class with tests names exactly one.
/// </summary>
[Trait("Tier", "Fast")]
public sealed class TierTraitTests
{
    private static readonly string[] Tiers = ["Fast", "Process", "Browser"];

    [Fact]
    public void Every_test_class_names_one_tier_fast_process_or_browser()
    {
        var testClasses = typeof(TierTraitTests).Assembly.GetTypes()
            .Where(type => type is { IsClass: true, IsAbstract: false })
            .Where(type => type.GetMethods().Any(method => method.IsDefined(typeof(FactAttribute), inherit: true)));

        var wrong = testClasses
            .Select(type => (type, tiers: TiersOf(type)))
            .Where(@class => @class.tiers.Length != 1 || !Tiers.Contains(@class.tiers[0]))
            .Select(@class => $"{@class.type.FullName}: [{string.Join(", ", @class.tiers)}]")
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(wrong.Count == 0,
            $"Each test class needs [Trait(\"Tier\", \"Fast\" | \"Process\" | \"Browser\")]:\n{string.Join('\n', wrong)}");
    }

    private static string[] TiersOf(Type type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            var tiers = current.GetCustomAttributesData()
                .Where(attribute => attribute.AttributeType == typeof(TraitAttribute) && (string?)attribute.ConstructorArguments[0].Value == "Tier")
                .Select(attribute => (string)attribute.ConstructorArguments[1].Value!)
                .ToArray();
            if (tiers.Length > 0)
            {
                return tiers;
            }
        }

        return [];
    }
}
