using System.Text.Json;
using System.Text.Json.Serialization;

namespace Players.Api.Players;

/// <summary>Source-generated serialization of the API's answers: no reflection at start-up or per request.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(PlayerResponse))]
[JsonSerializable(typeof(List<PlayerResponse>))]
internal sealed partial class PlayersJsonContext : JsonSerializerContext;
