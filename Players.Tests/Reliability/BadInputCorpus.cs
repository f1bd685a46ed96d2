using System.Text;
using System.Text.Json.Nodes;
using Players.Tests.Api;

namespace Players.Tests.Reliability;

/// <summary>
/// Requests a hostile or careless client sends, each with the one status it must get. Writes aim at squad number 10,
/// which the seed holds, so that not even an accepted body could add a row.
/// </summary>
public static class BadInputCorpus
{
    private const string Json = "application/json";
    private const string Create = "/players/";
    private const string Replace = "/players/squadnumber/10";

    public static TheoryData<BadInput> Rows => new()
    {
        // Wrong types and nulls: they parse, so field validation answers 422.
        Post("firstName as a number", Valid().With("firstName", 123), 422),
        Post("squadNumber as a string", Valid().With("squadNumber", "10"), 422),
        Post("squadNumber as a boolean", Valid().With("squadNumber", true), 422),
        Post("starting11 as a word", Valid().With("starting11", "yes"), 422),
        Post("dateOfBirth as a number", Valid().With("dateOfBirth", 19870624), 422),
        Post("position as an array", Valid().With("position", new JsonArray()), 422),
        Post("team as an object", Valid().With("team", new JsonObject { ["name"] = "x" }), 422),
        Put("lastName as a boolean", Valid().With("lastName", false), 422),
        Post("firstName null", Valid().With("firstName", null), 422),
        Post("squadNumber null", Valid().With("squadNumber", null), 422),
        Put("position missing", Valid().Without("position"), 422),
        Post("an empty object", new JsonObject(), 422),
        Raw("the JSON literal null", "POST", Create, Json, "null", 422),
        Raw("an array instead of an object", "POST", Create, Json, "[{\"firstName\":\"Lionel\"}]", 422),
        Raw("a bare string", "PUT", Replace, Json, "\"Messi\"", 422),

        // Huge strings and bodies.
        Post("firstName of 101 characters", Valid().With("firstName", new string('x', 101)), 422),
        Post("lastName of 60,000 characters, under the body limit", Valid().With("lastName", new string('y', 60_000)), 422),
        Raw("firstName with an escaped NUL character", "POST", Create, Json, WithRawFirstName("\"Li\\u0000onel\""), 422),
        Raw("firstName with a lone surrogate escape", "PUT", Replace, Json, WithRawFirstName("\"Li\\ud800onel\""), 422),
        Raw("dateOfBirth with a lone surrogate escape", "POST", Create, Json, "{\"dateOfBirth\":\"1987-06-24\\udc00\"}", 422),
        Raw("a lone surrogate escape in an unknown name", "POST", Create, Json, "{\"\\ud800\":1,\"firstName\":\"\"}", 422),
        Put("abbrPosition of 11 characters", Valid().With("abbrPosition", "ABCDEFGHIJK"), 422),
        Post("a body of 70 KiB", Valid().With("padding", new string('z', 70 * 1024)), 413),
        Put("a body of 70 KiB", Valid().With("padding", new string('z', 70 * 1024)), 413),
        Raw("a body of 1 MiB that is not even JSON", "POST", Create, Json, new string('[', 1024 * 1024), 413),

        // Not UTF-8, not JSON, or nested too deep: 400.
        Bytes("a lone continuation byte", "POST", Create, Json, [.. Utf8("{\"firstName\":\""), 0x80, .. Utf8("\"}")], 400),
        Bytes("an overlong encoding of '/'", "POST", Create, Json, [.. Utf8("{\"firstName\":\""), 0xC0, 0xAF, .. Utf8("\"}")], 400),
        Bytes("an encoded UTF-16 surrogate", "PUT", Replace, Json, [.. Utf8("{\"firstName\":\""), 0xED, 0xA0, 0x80, .. Utf8("\"}")], 400),
        Bytes("a truncated multi-byte sequence", "PUT", Replace, Json, [.. Utf8("{\"lastName\":\""), 0xE2, 0x82, .. Utf8("\"}")], 400),
        Raw("an empty body", "POST", Create, Json, "", 400),
        Raw("an unterminated object", "POST", Create, Json, "{\"firstName\":\"Lionel\"", 400),
        Raw("single-quoted names", "PUT", Replace, Json, "{'firstName':'Lionel'}", 400),
        Raw("a trailing comma", "POST", Create, Json, "{\"squadNumber\":10,}", 400),
        Raw("arrays nested 65 deep", "POST", Create, Json, new string('[', 65) + new string(']', 65), 400),
        Raw("objects nested 200 deep", "PUT", Replace, Json, string.Concat(Enumerable.Repeat("{\"a\":", 200)) + "1" + new string('}', 200), 400),
        Raw("a field nested 70 deep", "POST", Create, Json, "{\"firstName\":" + new string('[', 70) + new string(']', 70) + "}", 400),

        // Negative and overflowing numbers.
        Post("squadNumber 0", Valid().With("squadNumber", 0), 422),
        Post("squadNumber -1", Valid().With("squadNumber", -1), 422),
        Post("squadNumber 2^31", Valid().With("squadNumber", 2147483648L), 422),
        Post("squadNumber -2^31 - 1", Valid().With("squadNumber", -2147483649L), 422),
        Raw("squadNumber 10^25", "POST", Create, Json, WithRawSquadNumber("10000000000000000000000000"), 422),
        Raw("squadNumber 1e400", "PUT", Replace, Json, WithRawSquadNumber("1e400"), 422),
        Post("squadNumber 10.5", Valid().With("squadNumber", 10.5), 422),
        Post("starting11 as 2", Valid().With("starting11", 2), 422),

        // Wrong content types and methods.
        Raw("text/plain", "POST", Create, "text/plain", Valid().Json(), 415),
        Raw("form encoding", "POST", Create, "application/x-www-form-urlencoded", "firstName=Lionel&squadNumber=10", 415),
        Raw("XML", "PUT", Replace, "application/xml", "<player><squadNumber>10</squadNumber></player>", 415),
        Raw("multipart", "PUT", Replace, "multipart/form-data; boundary=x", "--x--", 415),
        Raw("no content type", "POST", Create, null, Valid().Json(), 415),
        Raw("PATCH of a player", "PATCH", Replace, Json, Valid().Json(), 405),
        Raw("DELETE of the collection", "DELETE", Create, null, null, 405),
        Raw("PUT of the collection", "PUT", Create, Json, Valid().Json(), 405),
        Raw("POST to a player", "POST", Replace, Json, Valid().Json(), 405),

        // Path values that are not UUIDs or integers, injections in the path, unknown routes.
        Raw("an id that is not a UUID", "GET", "/players/not-a-uuid", null, null, 422),
        Raw("an id with a non-hex digit", "GET", "/players/acc433bf-d505-51fe-831e-45eb44c4d43g", null, null, 422),
        Raw("SQL injection as an id", "GET", "/players/1%27%20OR%20%271%27%3D%271", null, null, 422),
        Raw("a squad number that is a word", "GET", "/players/squadnumber/abc", null, null, 422),
        Raw("a squad number beyond 32 bits", "GET", "/players/squadnumber/99999999999", null, null, 422),
        Raw("a fractional squad number", "DELETE", "/players/squadnumber/10.5", null, null, 422),
        Raw("SQL injection as a squad number", "DELETE", "/players/squadnumber/10%20OR%201%3D1", null, null, 422),
        Put("a valid body at a squad number that is a word", Valid(), 422, "/players/squadnumber/ten"),
        Raw("a path below a player", "GET", "/players/squadnumber/10/extra", null, null, 404),

        // Bodies that are valid but must not change anything.
        Put("a body whose squad number differs from the path", Valid(11), 400),
        Post("a taken squad number", Valid(), 409),
        Put("an unknown squad number", Valid(998), 404, "/players/squadnumber/998"),
        Raw("deleting an unknown squad number", "DELETE", "/players/squadnumber/998", null, null, 404),
    };

    private static JsonObject Valid(int squadNumber = 10) => PlayerBodies.Valid(squadNumber);

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static string WithRawSquadNumber(string number) =>
        Valid().With("squadNumber", 0).Json().Replace("\"squadNumber\":0", $"\"squadNumber\":{number}", StringComparison.Ordinal);

    private static string WithRawFirstName(string json) =>
        Valid().With("firstName", "_").Json().Replace("\"firstName\":\"_\"", $"\"firstName\":{json}", StringComparison.Ordinal);

    private static BadInput Post(string name, JsonObject body, int status) => Raw(name, "POST", Create, Json, body.Json(), status);

    private static BadInput Put(string name, JsonObject body, int status, string path = Replace) => Raw(name, "PUT", path, Json, body.Json(), status);

    private static BadInput Raw(string name, string method, string path, string? contentType, string? body, int status) =>
        new(name, method, path, contentType, body is null ? null : Utf8(body), status);

    private static BadInput Bytes(string name, string method, string path, string contentType, byte[] body, int status) =>
        new(name, method, path, contentType, body, status);
}
