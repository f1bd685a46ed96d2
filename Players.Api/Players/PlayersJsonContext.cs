using System.Text.Json;
using System.Text.Json.Serialization;

namespace Players.Api.Players;

/// <summary>
/// Source-generated metadata for the API's answers, first in the HTTP JSON options' resolver chain: no reflection
/// at start-up or per request, while those options keep deciding naming and the relaxed encoder.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(PlayerResponse))]
[JsonSerializable(typeof(List<PlayerResponse>))]
internal sealed partial class PlayersJsonContext : JsonSerializerContext;
