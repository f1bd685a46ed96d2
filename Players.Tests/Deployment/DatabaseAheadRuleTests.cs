using Players.Data.Migrating;
using Players.Data.Migrating.Planning;

namespace Players.Tests.Deployment;

/// <summary>
/// The one rule for a history holding migrations a build does not know: ahead when every one of the build's is applied
/// and every unknown one sorts after the build's last; diverged otherwise.
/// </summary>
[Trait("Tier", "Fast")]
public sealed class DatabaseAheadRuleTests
{
    private static readonly string[] Build = ["20260101000000_A", "20260102000000_B", "20260103000000_C"];

    [Theory]
    [InlineData("A B C", "current")]
    [InlineData("A B", "behind")]
    [InlineData("", "behind")]
    [InlineData("A B C D", "ahead")]
    [InlineData("A B C D E", "ahead")]
    [InlineData("A B D", "diverged")]
    [InlineData("A B C BX", "diverged")]
    [InlineData("A BX", "diverged")]
    [InlineData("A B C BX D", "diverged")]
    public void A_history_reads_as(string applied, string expected)
    {
        var status = new MigrationStatus(Build, [.. applied.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Id)]);

        var reading = (status.IsAhead, status.IsDiverged, status.Pending.Count) switch
        {
            (true, false, 0) => "ahead",
            (false, true, _) => "diverged",
            (false, false, 0) => "current",
            (false, false, _) => "behind",
            _ => "contradiction",
        };

        Assert.Equal(expected, reading);
    }

    [Fact]
    public void Only_a_diverged_history_names_what_is_missing_or_sorts_too_early()
    {
        var missing = new MigrationStatus(Build, [Id("A"), Id("B"), Id("D")]);
        var early = new MigrationStatus(Build, [Id("A"), Id("B"), Id("C"), Id("BX"), Id("BY")]);

        Assert.Equal($"unknown: {Id("D")}; missing: {Id("C")}", missing.Divergence);
        Assert.Contains($"({missing.Divergence})", Assert.Throws<DatabaseDivergedException>(missing.ThrowIfUnknownApplied).Message, StringComparison.Ordinal);
        Assert.Equal(
            $"unknown: {Id("BX")}, {Id("BY")}; missing: none, but {Id("BX")}, {Id("BY")} sort before this build's last migration, {Id("C")}",
            early.Divergence);
        Assert.IsType<DatabaseAheadException>(Assert.ThrowsAny<MigrationTargetException>(new MigrationStatus(Build, [.. Build, Id("D")]).ThrowIfUnknownApplied));
    }

    // A (Jan 1), B (Jan 2), C (Jan 3) are this build's; BX and BY were written on Jan 2 on another line; D and E later.
    private static string Id(string name) => name switch
    {
        "A" or "B" or "C" => Build[name[0] - 'A'],
        "BX" => "20260102120000_BX",
        "BY" => "20260102130000_BY",
        "D" => "20260104000000_D",
        "E" => "20260105000000_E",
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };
}
