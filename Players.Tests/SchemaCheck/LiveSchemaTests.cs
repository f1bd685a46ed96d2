using Microsoft.EntityFrameworkCore;
using Players.Data;
using Players.Data.Migrating.Engines;
using Players.Data.Migrating.Engines.Postgres;
using Players.Data.Migrating.SchemaCheck;
using Players.Tests.Infrastructure;

namespace Players.Tests.SchemaCheck;

/// <summary>
/// What <c>check</c> reads of a live table against the model that created it, on a real database of each engine:
/// defaults, filters and indexes as EF's own SQL wrote them compare equal however the engine prints them back.
/// </summary>
[Trait("Tier", "Fast")]
public sealed class LiveSchemaTests
{
    [Theory]
    [InlineData(DatabaseEngine.Sqlite)]
    [InlineData(DatabaseEngine.PostgreSql)]
    public async Task A_table_created_by_EF_with_defaults_filters_and_indexes_reads_back_without_a_difference(DatabaseEngine kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var db = GadgetContext.For(database.Target);
        await db.Database.EnsureCreatedAsync();
        await db.Database.OpenConnectionAsync();
        await using var snapshot = await db.Database.BeginTransactionAsync();

        var expected = TableShape.From(db.Model.GetRelationalModel().FindTable("gadgets", null)!);
        var found = LiveSchema.Read(db, ["gadgets"]);

        var differences = TableShape.Differences("gadgets", expected, found.GetValueOrDefault("gadgets")).ToList();
        Assert.True(differences.Count == 0, string.Join('\n', differences));
        Assert.Equal(expected.Indexes.Count, found["gadgets"].Indexes.Count);
        Assert.Contains(found["gadgets"].Indexes, index => index.Filter is not null);
        Assert.Equal(8, found["gadgets"].Columns.Values.Count(column => column.Default is not null));
    }

    [Theory]
    [InlineData("(\"squadNumber\" > 1000)", "\"squadNumber\" > 1000", true)]
    [InlineData("true", "TRUE", true)]
    [InlineData("'It''s X'", "'It''s X'", true)]
    [InlineData("'It''s X'", "'it''s x'", false)]
    [InlineData("'a b'", "'ab'", false)]
    [InlineData("(a) > (b)", "a) > (b", false)]
    public void SQL_fragments_compare_without_case_quotes_or_spaces_outside_their_string_literals(string left, string right, bool same) =>
        Assert.Equal(same, SqlText.Normalise(left) == SqlText.Normalise(right));

    [Theory]
    [InlineData("'x'::text", "text", "'x'")]
    [InlineData("'A-1'::character varying", "character varying(36)", "'A-1'")]
    [InlineData("'-1'::integer", "integer", "-1")]
    [InlineData("'-1.5'::numeric", "numeric(18,2)", "-1.5")]
    [InlineData("'x'::text", "character varying(36)", "'x'::text")]
    [InlineData("nextval('players_id_seq'::regclass)", "integer", "nextval('players_id_seq'::regclass)")]
    public void PostgreSQL_defaults_read_without_a_cast_of_their_literal_to_the_columns_own_type(string printed, string storeType, string read) =>
        Assert.Equal(read, PostgresDefaults.AsWritten(printed, storeType));

    private sealed class Gadget
    {
        public Guid Id { get; set; }

        public string Name { get; set; } = "";

        public string Code { get; set; } = "";

        public string? Note { get; set; }

        public int Count { get; set; }

        public int Offset { get; set; }

        public bool Active { get; set; }

        public decimal Price { get; set; }

        public DateTime Stamp { get; set; }
    }

    private sealed class GadgetContext(DbContextOptions<GadgetContext> options) : DbContext(options)
    {
        public static GadgetContext For(DatabaseTarget target)
        {
            var options = new DbContextOptionsBuilder<GadgetContext>();
            MigrationEngine.For(target).Configure(options);
            return new GadgetContext(options.Options);
        }

        protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.Entity<Gadget>(gadget =>
        {
            gadget.ToTable("gadgets");
            gadget.Property(g => g.Name).HasDefaultValue("it's x");
            gadget.Property(g => g.Code).HasMaxLength(36).HasDefaultValue("A-1");
            gadget.Property(g => g.Note).HasDefaultValueSql("'n/a'");
            gadget.Property(g => g.Count).HasDefaultValue(99);
            gadget.Property(g => g.Offset).HasDefaultValue(-1);
            gadget.Property(g => g.Active).HasDefaultValue(true);
            gadget.Property(g => g.Price).HasDefaultValue(1.5m);
            gadget.Property(g => g.Stamp).HasDefaultValueSql("CURRENT_TIMESTAMP");
            gadget.HasIndex(g => g.Count).IsUnique().HasFilter("\"Count\" > 1000");
            gadget.HasIndex(g => new { g.Name, g.Code });
        });
    }
}
