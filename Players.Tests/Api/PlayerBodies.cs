using System.Text.Json.Nodes;

namespace Players.Tests.Api;

/// <summary>Request bodies for the player endpoints: a valid one, and changes to it.</summary>
internal static class PlayerBodies
{
    public static JsonObject Valid(int squadNumber) => new()
    {
        ["firstName"] = "Thiago",
        ["middleName"] = "Ezequiel",
        ["lastName"] = "Almada",
        ["dateOfBirth"] = "2001-04-26",
        ["squadNumber"] = squadNumber,
        ["position"] = "Attacking Midfield",
        ["abbrPosition"] = "AM",
        ["team"] = "Atlanta United FC",
        ["league"] = "Major League Soccer",
        ["starting11"] = false,
    };

    public static JsonObject With(this JsonObject body, string name, JsonNode? value)
    {
        body[name] = value;
        return body;
    }

    public static JsonObject Without(this JsonObject body, params string[] names)
    {
        foreach (var name in names)
        {
            body.Remove(name);
        }

        return body;
    }

    public static string Json(this JsonObject body) => body.ToJsonString();
}
