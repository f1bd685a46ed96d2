using System.Globalization;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Scaffolding.Metadata;

namespace Players.Data.Migrating.SchemaCheck;

/// <summary>A column as <c>check</c> compares it: the provider's store type, nullability and default (as SQL).</summary>
internal sealed record ColumnShape(string StoreType, bool IsNullable, string? Default)
{
    public bool Matches(ColumnShape other) =>
        string.Equals(StoreType, other.StoreType, StringComparison.OrdinalIgnoreCase) && IsNullable == other.IsNullable
        && SqlText.Normalise(Default) == SqlText.Normalise(other.Default);

    public override string ToString() => $"{StoreType} {(IsNullable ? "null" : "not null")}{(Default is null ? "" : $" default {Default}")}";

    public static ColumnShape From(IColumn column) => new(
        column.StoreType,
        column.IsNullable,
        column.DefaultValueSql ?? (column.DefaultValue is { } value ? column.StoreTypeMapping.GenerateSqlLiteral(value) : null));

    public static ColumnShape From(DatabaseColumn column) => new(
        column.StoreType ?? "",
        column.IsNullable,
        column.DefaultValueSql ?? (column.DefaultValue is { } value ? Convert.ToString(value, CultureInfo.InvariantCulture) : null));
}

/// <summary>
/// What <c>check</c> compares of one table, read from a migration's relational model or from the live database:
/// columns by name, the primary key and the indexes and unique constraints (their names are not compared).
/// </summary>
internal sealed record TableShape(
    IReadOnlyDictionary<string, ColumnShape> Columns,
    string? PrimaryKey,
    IReadOnlySet<IndexShape> Indexes)
{
    public static TableShape From(ITable table) => new(
        table.Columns.ToDictionary(column => column.Name, ColumnShape.From),
        table.PrimaryKey is { } key ? SetOf(key.Columns.Select(column => column.Name)) : null,
        table.Indexes.Select(index => new IndexShape(SetOf(index.Columns.Select(column => column.Name)), index.IsUnique, index.Filter))
            .Concat(table.UniqueConstraints.Where(constraint => constraint != table.PrimaryKey).Select(UniqueConstraint))
            .ToHashSet());

    public static TableShape From(DatabaseTable table) => new(
        table.Columns.ToDictionary(column => column.Name, ColumnShape.From),
        table.PrimaryKey is { } key ? SetOf(key.Columns.Select(column => column.Name)) : null,
        table.Indexes.Select(index => new IndexShape(SetOf(index.Columns.Select(column => column.Name)), index.IsUnique, index.Filter))
            .Concat(table.UniqueConstraints.Select(constraint => new IndexShape(SetOf(constraint.Columns.Select(column => column.Name)), true, null)))
            .ToHashSet());

    private static IndexShape UniqueConstraint(IUniqueConstraint constraint) =>
        new(SetOf(constraint.Columns.Select(column => column.Name)), IsUnique: true, Filter: null);

    /// <summary>One line per difference, each saying what the migrations expect and what the database holds.</summary>
    public static IEnumerable<string> Differences(string table, TableShape? expected, TableShape? found)
    {
        switch (expected, found)
        {
            case (null, null):
                yield break;
            case (null, not null):
                yield return $"{table}: expected no table, found one";
                yield break;
            case (not null, null):
                yield return $"{table}: expected a table, found none";
                yield break;
        }

        foreach (var (name, column) in expected.Columns)
        {
            var live = found.Columns.GetValueOrDefault(name);
            if (live is null || !column.Matches(live))
            {
                yield return $"{table}.{name}: expected {column}, found {live?.ToString() ?? "no column"}";
            }
        }

        foreach (var (name, live) in found.Columns.Where(column => !expected.Columns.ContainsKey(column.Key)))
        {
            yield return $"{table}.{name}: expected no column, found {live}";
        }

        if (expected.PrimaryKey != found.PrimaryKey)
        {
            yield return $"{table}: expected {PrimaryKeyOf(expected)}, found {PrimaryKeyOf(found)}";
        }

        // An index whose filter differs is one difference, not a missing index and an extra one.
        var extra = found.Indexes.Except(expected.Indexes).OrderBy(index => index.Noun, StringComparer.Ordinal).ToList();
        foreach (var index in expected.Indexes.Except(found.Indexes).OrderBy(index => index.Noun, StringComparer.Ordinal))
        {
            var other = extra.FirstOrDefault(live => live.Key == index.Key);
            if (other is not null)
            {
                extra.Remove(other);
            }

            yield return $"{table}: expected {index}, found {other?.ToString() ?? "none"}";
        }

        foreach (var index in extra)
        {
            yield return $"{table}: expected no {index.Noun}, found one";
        }
    }

    private static string PrimaryKeyOf(TableShape table) => table.PrimaryKey is null ? "no primary key" : $"primary key {table.PrimaryKey}";

    // Uniqueness holds whatever the column order, so a set is written in one canonical order: (lastName, squadNumber).
    private static string SetOf(IEnumerable<string> columns) => $"({string.Join(", ", columns.Order(StringComparer.Ordinal))})";
}
