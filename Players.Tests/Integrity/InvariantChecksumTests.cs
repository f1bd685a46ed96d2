using System.Globalization;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Players.Data.Migrating.Integrity;
using Players.Tests.Infrastructure;

namespace Players.Tests.Integrity;

/// <summary>
/// A checksum depends on nothing but the migration's code: every value type EF can seed has one pinned form, and
/// neither it nor any committed checksum changes with the culture the worker runs under.
/// </summary>
[Trait("Tier", "Fast")]
public sealed class InvariantChecksumTests
{
    // Turkish (dotted and dotless i, comma decimals) and German (comma decimals, dot thousands), beside the invariant.
    public static TheoryData<string> Cultures => ["", "tr-TR", "de-DE"];

    private enum Foot
    {
        Left,
        Right,
    }

    [Theory]
    [MemberData(nameof(Cultures))]
    public void Every_value_type_ef_can_seed_has_one_pinned_form_in_every_culture(string culture)
    {
        using var _ = new CurrentCulture(culture);
        Assert.Equal(culture == "" ? "0.1" : "0,1", string.Format(CultureInfo.CurrentCulture, "{0}", 0.1));

        var text = CanonicalOperations.Write([EveryValueType()]);

        Assert.Equal(
            "(InsertDataOperation Columns=[s7:decimal,s5:scale,s6:double,s6:single,s4:long,s4:char,s3:utc,s11:unspecified,"
            + "s5:local,s6:offset,s4:span,s4:date,s4:time,s4:guid,s5:bytes,s4:enum,s7:nothing] Table=s8:fixtures "
            + "Values=[[n:-1234.5,n:1.50,n:0.1,n:2.25,i:-9007199254740993,c:304,dt:2026-12-02T18:30:15.1234567Z,"
            + "dt:2026-12-02T18:30:15.0000000,dt:2026-12-02T18:30:15.0000000 local,dto:2026-12-02T18:30:15.0000000+03:00,"
            + "ts:937845000000,d:2026-12-02,t:18:30:15.0010000,g:acc433bf-d505-51fe-831e-45eb44c4d43c,x:00deadbeef,"
            + "e:Foot.Right,null]])\n",
            text);
        Assert.Equal(PinnedChecksum, MigrationChecksum.OfOperations([EveryValueType()]));
    }

    [Theory]
    [MemberData(nameof(Cultures))]
    public void The_committed_migrations_sum_is_what_this_build_computes_in_every_culture(string culture)
    {
        using var _ = new CurrentCulture(culture);

        var computed = MigrationsSum.Write(MigrationsSum.OfBuild(BuildChecksums.Compute));

        Assert.Equal(File.ReadAllText(RepositoryFiles.PathOf(MigrationsSum.RelativePath)).ReplaceLineEndings("\n"), computed);
    }

    private const string PinnedChecksum = "v1:8d23e319deb95fd87b0404bdd51ddeb208352a32a8e56a74a8c1f6abd6e4d7bb";

    private static InsertDataOperation EveryValueType() => new()
    {
        Table = "fixtures",
        Columns =
        [
            "decimal", "scale", "double", "single", "long", "char", "utc", "unspecified", "local", "offset", "span", "date",
            "time", "guid", "bytes", "enum", "nothing",
        ],
        Values = new object?[,]
        {
            {
                -1234.5m, 1.50m, 0.1, 2.25f, -9007199254740993L, 'İ',
                new DateTime(2026, 12, 2, 18, 30, 15, DateTimeKind.Utc).AddTicks(1234567),
                new DateTime(2026, 12, 2, 18, 30, 15, DateTimeKind.Unspecified),
                new DateTime(2026, 12, 2, 18, 30, 15, DateTimeKind.Local),
                new DateTimeOffset(2026, 12, 2, 18, 30, 15, TimeSpan.FromHours(3)),
                new TimeSpan(1, 2, 3, 4, 500),
                new DateOnly(2026, 12, 2),
                new TimeOnly(18, 30, 15, 1),
                Guid.Parse("acc433bf-d505-51fe-831e-45eb44c4d43c"),
                new byte[] { 0x00, 0xDE, 0xAD, 0xBE, 0xEF },
                Foot.Right,
                null,
            },
        },
    };

    /// <summary>Runs the test under <c>culture</c> (and its UI culture), restoring the thread's own when disposed.</summary>
    private sealed class CurrentCulture : IDisposable
    {
        private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
        private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;

        public CurrentCulture(string name)
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(name);
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);
        }

        public void Dispose()
        {
            CultureInfo.CurrentCulture = _culture;
            CultureInfo.CurrentUICulture = _uiCulture;
        }
    }
}
