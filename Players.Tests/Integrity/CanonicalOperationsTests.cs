using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Players.Data.Migrating.Integrity;

namespace Players.Tests.Integrity;

/// <summary>The text a checksum hashes: the project's own format, so no EF Core or Npgsql upgrade can change it.</summary>
[Trait("Tier", "Fast")]
public sealed class CanonicalOperationsTests
{
    private static MigrationOperation[] KnownOperations() =>
    [
        new SqlOperation { Sql = "SELECT 1;  \r\nSELECT 'é';\r\n\r\n" },
        new InsertDataOperation
        {
            Table = "players",
            Columns = ["id", "squadNumber", "dateOfBirth", "starting11"],
            Values = new object?[,] { { "a", 10, new DateOnly(1987, 6, 24), true }, { "b", 0, null, false } },
        },
        new AddColumnOperation { Table = "players", Name = "nationality", ClrType = typeof(string), IsNullable = true, MaxLength = 100 },
    ];

    [Fact]
    public void Known_operations_have_a_pinned_canonical_form_and_checksum()
    {
        Assert.Equal(
            "(SqlOperation Sql=s21:SELECT 1;\nSELECT 'é';)\n"
            + "(InsertDataOperation Columns=[s2:id,s11:squadNumber,s11:dateOfBirth,s10:starting11] Table=s7:players "
            + "Values=[[s1:a,i:10,d:1987-06-24,true],[s1:b,i:0,null,false]])\n"
            + "(AddColumnOperation ClrType=type:System.String IsNullable=true MaxLength=i:100 Name=s11:nationality Table=s7:players)\n",
            CanonicalOperations.Write(KnownOperations()));
        Assert.Equal("v1:85458bc64186040cf9ec302a1f5d2da3a8b6cc008abc5e5f48e5e4b8f4ba1bca", MigrationChecksum.OfOperations(KnownOperations()));
    }

    [Theory]
    [InlineData("SELECT 1;\nSELECT 2;", true)]
    [InlineData("SELECT 1;\r\nSELECT 2;\r\n", true)]
    [InlineData("SELECT 1; \t\nSELECT 2;   \n\n\n", true)]
    [InlineData("SELECT 1;\n  SELECT 2;", false)]
    [InlineData("SELECT 1; -- seed guard\nSELECT 2;", false)]
    [InlineData("SELECT 1;\n\nSELECT 2;", false)]
    public void Only_line_endings_and_trailing_whitespace_of_sql_are_normalised(string sql, bool same)
    {
        var original = MigrationChecksum.OfOperations([new SqlOperation { Sql = "SELECT 1;\nSELECT 2;" }]);

        var changed = MigrationChecksum.OfOperations([new SqlOperation { Sql = sql }]);

        Assert.Equal(same, original == changed);
    }

    [Fact]
    public void A_default_value_of_zero_differs_from_no_default_value()
    {
        static string Column(object? defaultValue) => MigrationChecksum.OfOperations(
            [new AddColumnOperation { Table = "players", Name = "caps", ClrType = typeof(int), DefaultValue = defaultValue }]);

        Assert.NotEqual(Column(null), Column(0));
    }

    [Fact]
    public void A_seeded_value_moved_to_another_row_changes_the_checksum()
    {
        static string Rows(object?[,] values) => MigrationChecksum.OfOperations(
            [new InsertDataOperation { Table = "players", Columns = ["team"], Values = values }]);

        Assert.NotEqual(Rows(new object?[,] { { "A" }, { "B" } }), Rows(new object?[,] { { "B" }, { "A" } }));
    }

    [Fact]
    public void A_value_with_no_canonical_form_fails_naming_its_type_instead_of_hashing_its_ToString()
    {
        var error = Assert.Throws<NotSupportedException>(() => CanonicalOperations.Write(
            [new InsertDataOperation { Table = "players", Columns = ["team"], Values = new object?[,] { { new Uri("https://example.org") } } }]));

        Assert.Contains("System.Uri", error.Message, StringComparison.Ordinal);
    }
}
