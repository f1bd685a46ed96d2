using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Scaffolding.Metadata;

namespace Players.Data.Migrating.SchemaCheck;

/// <summary>A column as <c>check</c> compares it: the provider's store type and nullability.</summary>
internal sealed record ColumnShape(string StoreType, bool IsNullable)
{
    public bool Matches(ColumnShape other) =>
        string.Equals(StoreType, other.StoreType, StringComparison.OrdinalIgnoreCase) && IsNullable == other.IsNullable;

    public override string ToString() => $"{StoreType} {(IsNullable ? "null" : "not null")}";
}

/// <summary>
/// What <c>check</c> compares of one table, read from a migration's relational model or from the live database:
/// columns by name, the primary key and the unique column sets (index and constraint names are not compared).
/// </summary>
internal sealed record TableShape(
    IReadOnlyDictionary<string, ColumnShape> Columns,
    string? PrimaryKey,
    IReadOnlySet<string> UniqueColumnSets)
{
    public static TableShape From(ITable table) => new(
        table.Columns.ToDictionary(column => column.Name, column => new ColumnShape(column.StoreType, column.IsNullable)),
        table.PrimaryKey is { } key ? SetOf(key.Columns.Select(column => column.Name)) : null,
        table.Indexes.Where(index => index.IsUnique).Select(index => index.Columns)
            .Concat(table.UniqueConstraints.Where(constraint => constraint != table.PrimaryKey).Select(constraint => constraint.Columns))
            .Select(columns => SetOf(columns.Select(column => column.Name)))
            .ToHashSet());

    public static TableShape From(DatabaseTable table) => new(
        table.Columns.ToDictionary(column => column.Name, column => new ColumnShape(column.StoreType ?? "", column.IsNullable)),
        table.PrimaryKey is { } key ? SetOf(key.Columns.Select(column => column.Name)) : null,
        table.Indexes.Where(index => index.IsUnique).Select(index => index.Columns)
            .Concat(table.UniqueConstraints.Select(constraint => constraint.Columns))
            .Select(columns => SetOf(columns.Select(column => column.Name)))
            .ToHashSet());

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

        foreach (var columns in expected.UniqueColumnSets.Except(found.UniqueColumnSets).Order(StringComparer.Ordinal))
        {
            yield return $"{table}: expected a unique index on {columns}, found none";
        }

        foreach (var columns in found.UniqueColumnSets.Except(expected.UniqueColumnSets).Order(StringComparer.Ordinal))
        {
            yield return $"{table}: expected no unique index on {columns}, found one";
        }
    }

    private static string PrimaryKeyOf(TableShape table) => table.PrimaryKey is null ? "no primary key" : $"primary key {table.PrimaryKey}";

    // Uniqueness holds whatever the column order, so a set is written in one canonical order: (lastName, squadNumber).
    private static string SetOf(IEnumerable<string> columns) => $"({string.Join(", ", columns.Order(StringComparer.Ordinal))})";
}
