using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Players.Api.Players;

/// <summary>
/// Turns any parsed JSON body into a <see cref="PlayerCommand"/> or into errors keyed by camelCase field name.
/// Lenient where the Python API's clients need it: snake_case names (camelCase wins), <c>starting11</c> as 1/0,
/// omitted or null optional fields, and the request <c>id</c> or unknown properties ignored.
/// </summary>
public static partial class PlayerValidation
{
    public const int MaxTextLength = 100;
    public const int MaxAbbrPositionLength = 10;
    public const string BodyKey = "body";

    public static (PlayerCommand? Command, Dictionary<string, string[]> Errors) Validate(JsonElement body, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>();
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors[BodyKey] = [$"The body must be a JSON object, not {Describe(body.ValueKind)}."];
            return (null, errors);
        }

        if (!HasReadableNames(body))
        {
            errors[BodyKey] = ["A property name of the body escapes an unpaired surrogate, which is not Unicode text."];
            return (null, errors);
        }

        var fields = new Fields(body, errors);
        var firstName = fields.Text("firstName", "first_name", required: true, MaxTextLength);
        var middleName = fields.Text("middleName", "middle_name", required: false, MaxTextLength);
        var lastName = fields.Text("lastName", "last_name", required: true, MaxTextLength);
        var dateOfBirth = fields.Date("dateOfBirth", "date_of_birth", today);
        var squadNumber = fields.SquadNumber("squadNumber", "squad_number");
        var position = fields.Text("position", null, required: true, MaxTextLength);
        var abbrPosition = fields.Text("abbrPosition", "abbr_position", required: false, MaxAbbrPositionLength);
        var team = fields.Text("team", null, required: false, MaxTextLength);
        var league = fields.Text("league", null, required: false, MaxTextLength);
        var starting11 = fields.Flag("starting11", "starting_11");

        return errors.Count > 0
            ? (null, errors)
            : (new PlayerCommand(firstName!, middleName, lastName!, dateOfBirth, squadNumber, position!, abbrPosition, team, league, starting11), errors);
    }

    // Valid JSON may escape an unpaired surrogate in a name; looking up any property of such a body would throw.
    private static bool HasReadableNames(JsonElement body)
    {
        try
        {
            foreach (var property in body.EnumerateObject())
            {
                _ = property.Name;
            }

            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => kind.ToString(),
    };

    [GeneratedRegex(@"^(?<date>\d{4}-\d{2}-\d{2})(T00:00:00(\.0{1,7})?(Z|\+00:00))?$", RegexOptions.CultureInvariant)]
    private static partial Regex DateOrUtcMidnight();

    private sealed class Fields(JsonElement body, Dictionary<string, string[]> errors)
    {
        public string? Text(string name, string? snakeName, bool required, int maxLength)
        {
            if (!TryGet(name, snakeName, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return required ? Fail<string>(name, $"{name} is required.") : null;
            }

            if (value.ValueKind != JsonValueKind.String)
            {
                return Fail<string>(name, $"{name} must be a string, not {Describe(value.ValueKind)}.");
            }

            if (ReadText(value) is not { } text)
            {
                return Fail<string>(name, UnstorableText(name));
            }

            if (required && string.IsNullOrWhiteSpace(text))
            {
                return Fail<string>(name, $"{name} must not be blank.");
            }

            if (text.Length > maxLength)
            {
                return Fail<string>(name, $"{name} must be at most {maxLength} characters long.");
            }

            return text;
        }

        public int SquadNumber(string name, string snakeName)
        {
            if (!TryGet(name, snakeName, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                Fail<string>(name, $"{name} is required.");
                return 0;
            }

            if (value.ValueKind != JsonValueKind.Number)
            {
                Fail<string>(name, $"{name} must be a number, not {Describe(value.ValueKind)}.");
                return 0;
            }

            if (!value.TryGetInt32(out var number) || number <= 0)
            {
                Fail<string>(name, $"{name} must be a whole number from 1 to {int.MaxValue}.");
                return 0;
            }

            return number;
        }

        public DateOnly? Date(string name, string snakeName, DateOnly today)
        {
            if (!TryGet(name, snakeName, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            if (value.ValueKind != JsonValueKind.String)
            {
                return Fail<DateOnly?>(name, $"{name} must be a date string (YYYY-MM-DD), not {Describe(value.ValueKind)}.");
            }

            // The date part is taken as written: never through a DateTime in local time.
            if (ReadText(value) is not { } text)
            {
                return Fail<DateOnly?>(name, UnstorableText(name));
            }

            var match = DateOrUtcMidnight().Match(text);
            if (!match.Success)
            {
                return Fail<DateOnly?>(name, $"{name} must be YYYY-MM-DD or a date-time at midnight UTC (YYYY-MM-DDT00:00:00Z).");
            }

            if (!DateOnly.TryParseExact(match.Groups["date"].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return Fail<DateOnly?>(name, $"{name} '{match.Groups["date"].Value}' is not a date that exists.");
            }

            return date > today ? Fail<DateOnly?>(name, $"{name} must not be in the future.") : date;
        }

        public bool? Flag(string name, string snakeName)
        {
            if (!TryGet(name, snakeName, out var value))
            {
                return null;
            }

            return value.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                JsonValueKind.Number when value.TryGetInt32(out var number) && number is 0 or 1 => number == 1,
                _ => Fail<bool?>(name, $"{name} must be true, false, 1 or 0."),
            };
        }

        // JSON may escape an unpaired surrogate (\ud800) or NUL (\u0000). GetString throws on the first and
        // PostgreSQL refuses the second, so both are the client's mistake (422), not a 500 or a 503.
        private static string? ReadText(JsonElement value)
        {
            try
            {
                var text = value.GetString()!;
                return text.Contains('\0', StringComparison.Ordinal) ? null : text;
            }
            catch (InvalidOperationException)
            {
                return null;
            }
        }

        private static string UnstorableText(string name) =>
            $"{name} must be Unicode text without NUL characters (\\u0000) or unpaired surrogates.";

        private bool TryGet(string name, string? snakeName, out JsonElement value) =>
            body.TryGetProperty(name, out value) || (snakeName is not null && body.TryGetProperty(snakeName, out value));

        private T? Fail<T>(string name, string message)
        {
            errors[name] = [message];
            return default;
        }
    }
}
