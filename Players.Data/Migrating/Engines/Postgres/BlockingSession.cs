using System.Globalization;
using System.Text.RegularExpressions;

namespace Players.Data.Migrating.Engines.Postgres;

/// <summary>
/// A session that holds a lock a migration's statement waits for, as <c>pg_stat_activity</c> shows it to the
/// migrator's role: a role that may not see another user's session reads nulls and <c>&lt;insufficient privilege&gt;</c>.
/// </summary>
internal sealed partial record BlockingSession(int Pid, string? ApplicationName, string? State, TimeSpan? Open, string? Query)
{
    private const string Hidden = "<insufficient privilege>";
    private const int QueryStart = 60;

    /// <summary>One clause naming the session: <c>pid 4242 (application_name "report", idle in transaction for 12.3 s, query "SELECT …")</c>.</summary>
    public string Describe()
    {
        var hidden = Query == Hidden;
        var state = State ?? (hidden ? $"state {Hidden}" : "state unknown");
        var open = Open is { } duration
            ? string.Create(CultureInfo.InvariantCulture, $" for {duration.TotalSeconds:0.0} s")
            : hidden ? $", how long {Hidden}" : "";
        var query = hidden ? Hidden : $"\"{Shorten(Query)}\"";
        return $"pid {Pid.ToString(CultureInfo.InvariantCulture)} (application_name \"{ApplicationName}\", {state}{open}, query {query})";
    }

    private static string Shorten(string? query)
    {
        var flat = Whitespace().Replace(query ?? "", " ").Trim();
        return flat.Length <= QueryStart ? flat : flat[..QueryStart] + "…";
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
