// The platform's limit for a single-player read: Kestrel and a raw ADO.NET driver answering the API's lookups with
// the API's exact bytes. bench/api.sh divides every API lookup by this app's figure measured just before it.
// CEILING_POSTGRES (an Npgsql connection string) or CEILING_SQLITE (a Microsoft.Data.Sqlite one) picks the engine.
using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Data.Sqlite;
using Npgsql;

const string Columns = """SELECT id, "firstName", "middleName", "lastName", "dateOfBirth", "squadNumber", position, "abbrPosition", team, league, starting11 FROM players""";

var postgres = Environment.GetEnvironmentVariable("CEILING_POSTGRES");
var sqlite = Environment.GetEnvironmentVariable("CEILING_SQLITE");
Func<DbConnection> connect = !string.IsNullOrEmpty(postgres)
    ? new NpgsqlSlimDataSourceBuilder(Tuned(postgres)).Build().CreateConnection
    : !string.IsNullOrEmpty(sqlite)
        ? () => new SqliteConnection(sqlite)
        : throw new InvalidOperationException("Set CEILING_POSTGRES or CEILING_SQLITE to a connection string.");
// Npgsql's positional parameter is unnamed, so its SQL goes to PostgreSQL untouched.
var positional = postgres is { Length: > 0 };
var parameter = positional ? "$1" : "@p";

// The API's output options: web defaults (camelCase, nulls written) and ASP.NET Core's relaxed encoder.
var json = new JsonSerializerOptions(JsonSerializerDefaults.Web)
{
    Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    TypeInfoResolver = CeilingJson.Default,
};
var playerInfo = json.GetTypeInfo(typeof(PlayerJson));

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();

app.MapGet("/players/squadnumber/{n}", context =>
    Answer(context, $"{Columns} WHERE \"squadNumber\" = {parameter}", int.Parse((string)context.Request.RouteValues["n"]!, CultureInfo.InvariantCulture)));
app.MapGet("/players/{id}", context =>
    Answer(context, $"{Columns} WHERE id = {parameter}", Guid.Parse((string)context.Request.RouteValues["id"]!).ToString("D")));

app.Run();

// No DISCARD ALL between requests, statements prepared automatically once used, no ambient transactions.
static string Tuned(string connectionString) =>
    new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true, MaxAutoPrepare = 4, Enlist = false }.ConnectionString;

async Task Answer(HttpContext context, string sql, object key)
{
    await using var connection = connect();
    await connection.OpenAsync(context.RequestAborted);
    await using var command = connection.CreateCommand();
    command.CommandText = sql;
    var value = command.CreateParameter();
    if (!positional)
    {
        value.ParameterName = parameter;
    }

    value.Value = key;
    command.Parameters.Add(value);
    await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SingleRow, context.RequestAborted);
    if (!await reader.ReadAsync(context.RequestAborted))
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return;
    }

    var player = new PlayerJson(
        reader.GetString(0),
        reader.GetString(1),
        reader.IsDBNull(2) ? null : reader.GetString(2),
        reader.GetString(3),
        reader.IsDBNull(4) ? null : string.Create(CultureInfo.InvariantCulture, $"{reader.GetFieldValue<DateOnly>(4):yyyy-MM-dd}T00:00:00.000Z"),
        reader.GetInt32(5),
        reader.GetString(6),
        reader.IsDBNull(7) ? null : reader.GetString(7),
        reader.IsDBNull(8) ? null : reader.GetString(8),
        reader.IsDBNull(9) ? null : reader.GetString(9),
        reader.IsDBNull(10) ? null : reader.GetBoolean(10));
    await context.Response.WriteAsJsonAsync(player, playerInfo, contentType: null, context.RequestAborted);
}

internal sealed record PlayerJson(
    string Id, string FirstName, string? MiddleName, string LastName, string? DateOfBirth, int SquadNumber,
    string Position, string? AbbrPosition, string? Team, string? League, bool? Starting11);

[JsonSerializable(typeof(PlayerJson))]
internal sealed partial class CeilingJson : JsonSerializerContext;
