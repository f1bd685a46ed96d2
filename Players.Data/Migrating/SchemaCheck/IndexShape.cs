using System.Text;

namespace Players.Data.Migrating.SchemaCheck;

/// <summary>An index or unique constraint as <c>check</c> compares it: its columns, uniqueness and filter, not its name.</summary>
/// <param name="Columns">The column set in one canonical order, e.g. <c>(squadNumber)</c>.</param>
/// <param name="Filter">The filter as its source wrote it, or null for a full index.</param>
internal sealed record IndexShape(string Columns, bool IsUnique, string? Filter)
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
internal static class SqlText
{
    /// <summary>
    /// The fragment with whitespace, identifier quotes and enclosing parentheses removed, and lower-cased, outside its
    /// string literals: <c>pg_get_expr</c> gives <c>("squadNumber" &gt; 1000)</c> for a filter written
    /// <c>"squadNumber" &gt; 1000</c>, and <c>true</c> for a default EF wrote <c>TRUE</c>.
    /// </summary>
    public static string? Normalise(string? sql)
    {
        if (sql is null)
        {
            return null;
        }

        var text = new StringBuilder(sql.Length);
        var inLiteral = false;
        foreach (var character in sql)
        {
            // A doubled quote inside a literal closes and reopens it, which keeps both quotes: the same text either way.
            inLiteral ^= character == '\'';
            if (inLiteral || character == '\'')
            {
                text.Append(character);
            }
            else if (!char.IsWhiteSpace(character) && character != '"')
            {
                text.Append(char.ToLowerInvariant(character));
            }
        }

        var normalised = text.ToString();
        while (normalised.Length >= 2 && normalised[0] == '(' && normalised[^1] == ')' && ClosesAtEnd(normalised))
        {
            normalised = normalised[1..^1];
        }

        return normalised;
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
}
