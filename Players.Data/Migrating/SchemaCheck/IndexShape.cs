using System.Text.RegularExpressions;

namespace Players.Data.Migrating.SchemaCheck;

/// <summary>An index or unique constraint as <c>check</c> compares it: its columns, uniqueness and filter, not its name.</summary>
/// <param name="Columns">The column set in one canonical order, e.g. <c>(squadNumber)</c>.</param>
/// <param name="Filter">The filter as its source wrote it, or null for a full index.</param>
internal sealed partial record IndexShape(string Columns, bool IsUnique, string? Filter)
{
    /// <summary>Two indexes with the same columns and uniqueness are the same index, whatever their filters.</summary>
    public (string Columns, bool IsUnique) Key => (Columns, IsUnique);

    public bool Equals(IndexShape? other) =>
        other is not null && Key == other.Key && SqlText.Normalise(Filter) == SqlText.Normalise(other.Filter);

    public override int GetHashCode() => HashCode.Combine(Key, SqlText.Normalise(Filter));

    /// <summary>What it is, without an article: <c>unique index on (squadNumber) where "squadNumber" &gt; 1000</c>.</summary>
    public string Noun => $"{(IsUnique ? "unique index" : "index")} on {Columns}{(Filter is null ? "" : $" where {Filter}")}";

    public override string ToString() => $"{(IsUnique ? "a" : "an")} {Noun}";
}

/// <summary>SQL fragments as <c>check</c> compares them: PostgreSQL prints them back its own way.</summary>
internal static partial class SqlText
{
    /// <summary>
    /// The fragment with whitespace, identifier quotes and enclosing parentheses removed: <c>pg_get_expr</c> gives
    /// <c>("squadNumber" &gt; 1000)</c> for a filter written <c>"squadNumber" &gt; 1000</c>.
    /// </summary>
    public static string? Normalise(string? sql)
    {
        if (sql is null)
        {
            return null;
        }

        var text = Insignificant().Replace(sql, "");
        while (text.Length >= 2 && text[0] == '(' && text[^1] == ')' && ClosesAtEnd(text))
        {
            text = text[1..^1];
        }

        return text;
    }

    // True when the opening parenthesis at 0 is closed by the last character, not earlier: "(a)>(b)" is not enclosed.
    private static bool ClosesAtEnd(string text)
    {
        var depth = 0;
        for (var i = 0; i < text.Length; i++)
        {
            depth += text[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (depth == 0)
            {
                return i == text.Length - 1;
            }
        }

        return false;
    }

    [GeneratedRegex("""[\s"]""")]
    private static partial Regex Insignificant();
}
