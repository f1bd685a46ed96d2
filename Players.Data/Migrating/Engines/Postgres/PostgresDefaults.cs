using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Scaffolding.Metadata;

namespace Players.Data.Migrating.Engines.Postgres;

/// <summary>
/// PostgreSQL prints a constant default back as a literal cast to the column's type (<c>'x'::text</c>,
/// <c>'-1'::integer</c>, <c>'A-1'::character varying</c>) where EF wrote the bare literal (<c>'x'</c>, <c>-1</c>):
/// <c>check</c> reads it as written. The migrations are provider-neutral, so no migration writes such a cast itself.
/// </summary>
internal static partial class PostgresDefaults
{
    private static readonly HashSet<string> NumericTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "smallint", "integer", "bigint", "numeric", "real", "double precision",
    };

    public static void Read(DatabaseModel database)
    {
        foreach (var column in database.Tables.SelectMany(table => table.Columns))
        {
            column.DefaultValueSql = AsWritten(column.DefaultValueSql, column.StoreType);
        }
    }

    /// <summary>The default without a cast of its literal to the column's own type; anything else as PostgreSQL printed it.</summary>
    public static string? AsWritten(string? defaultSql, string? storeType)
    {
        if (defaultSql is null || storeType is null || CastLiteral().Match(defaultSql) is not { Success: true } cast)
        {
            return defaultSql;
        }

        var type = TypeModifiers().Replace(storeType, "");
        if (!string.Equals(cast.Groups["type"].Value, type, StringComparison.OrdinalIgnoreCase))
        {
            return defaultSql;
        }

        var text = cast.Groups["text"].Value;
        return NumericTypes.Contains(type) && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
            ? text
            : cast.Groups["literal"].Value;
    }

    [GeneratedRegex("^(?<literal>'(?<text>(?:[^']|'')*)')::(?<type>[a-z ]+)$", RegexOptions.IgnoreCase)]
    private static partial Regex CastLiteral();

    [GeneratedRegex(@"\(.*\)")]
    private static partial Regex TypeModifiers();
}
