using System.Net;
using Players.Tests.Api;
using Players.Tests.Security;
using Players.Tests.Telemetry;
using Xunit.Abstractions;

namespace Players.Tests.Auth;

/// <summary>
/// The protected API as a process at Debug log level, exporting its spans and logs: no token it was sent, accepted or
/// refused, comes back out in its console, an answer or an export.
/// </summary>
[Trait("Tier", "Process")]
public sealed class TokenLeakTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_api_never_prints_answers_or_exports_a_token_whether_it_accepts_or_refuses_it()
    {
        var tokens = new TestTokens();
        var directory = Directory.CreateTempSubdirectory("players-auth-leak-");
        await using var receiver = new OtlpReceiver();
        var environment = tokens.ProtectedSettings().ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value!);
        environment["DATABASE_URL"] = $"sqlite:///{Path.Combine(directory.FullName, "players.db")}";
        environment["Logging__LogLevel__Default"] = "Debug";
        // appsettings.json quiets ASP.NET Core, where authentication logs; a more specific level wins, so name it too.
        environment["Logging__LogLevel__Microsoft.AspNetCore"] = "Debug";
        environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint.ToString().TrimEnd('/');
        environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        var sent = new List<string>();
        var witness = new List<(string Source, HttpResponseMessage Response)>();

        var api = await ApiProcess.StartAsync(environment);
        try
        {
            await using (api)
            {
                using var http = new HttpClient { BaseAddress = api.Address, Timeout = TimeSpan.FromSeconds(30) };
                var granted = tokens.For("scope as a string")!;
                (string Token, HttpRequestMessage Request, HttpStatusCode Expected)[] requests =
                [
                    (granted, BearerRequests.Json(HttpMethod.Post, "/players/", PlayerBodies.Valid(74).Json()), HttpStatusCode.Created),
                    (granted, BearerRequests.Json(HttpMethod.Put, "/players/squadnumber/74", PlayerBodies.Valid(74).Json()), HttpStatusCode.NoContent),
                    (granted, new(HttpMethod.Get, "/players/squadnumber/74"), HttpStatusCode.OK),
                    (granted, new(HttpMethod.Delete, "/players/squadnumber/74"), HttpStatusCode.NoContent),
                    (tokens.For("expired")!, new(HttpMethod.Delete, "/players/squadnumber/10"), HttpStatusCode.Unauthorized),
                    (tokens.For("bad signature")!, new(HttpMethod.Delete, "/players/squadnumber/10"), HttpStatusCode.Unauthorized),
                    (tokens.For("wrong audience")!, new(HttpMethod.Get, "/players/"), HttpStatusCode.OK),
                    (tokens.For("no scope")!, new(HttpMethod.Delete, "/players/squadnumber/10"), HttpStatusCode.Forbidden),
                ];
                foreach (var (token, request, expected) in requests)
                {
                    sent.Add(token);
                    var source = $"{request.Method} {request.RequestUri}";
                    var response = await http.SendAsync(request.WithToken(token));
                    Assert.True(response.StatusCode == expected, $"{source}: {(int)response.StatusCode}, expected {(int)expected}");
                    witness.Add((source, response));
                }
            }

            var secrets = SecretWitness.ForTokens(sent, tokens.SigningKey);
            foreach (var (source, response) in witness)
            {
                await secrets.SawAsync(source, response);
            }

            secrets.Saw("API console", api.Console);
            Assert.Contains("Successfully validated the token", api.Console, StringComparison.Ordinal);
            Assert.Contains("Failed to validate the token", api.Console, StringComparison.Ordinal);
            Assert.True(receiver.TraceExportCount > 0, "the API exported no spans, so nothing was checked");
            foreach (var (export, index) in receiver.AllExports.Select((e, i) => (e, i)))
            {
                secrets.Saw($"OTLP export {index}", export);
            }

            output.WriteLine($"Searched {secrets.Count} outputs of the API for {secrets.Spellings.Count - 1} token signatures and the signing key.");
            secrets.AssertNothingLeaked();
        }
        finally
        {
            foreach (var (_, response) in witness)
            {
                response.Dispose();
            }

            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_witness_finds_a_token_by_its_signature_and_the_signing_key_as_configured()
    {
        var tokens = new TestTokens();
        var token = tokens.For("scope as a string")!;
        foreach (var leaked in new[] { $"Authorization: Bearer {token}", $"SigningKeys:0:Value={tokens.SigningKey}" })
        {
            var witness = SecretWitness.ForTokens([token], tokens.SigningKey);
            witness.Saw("a leaky line", leaked);

            Assert.ThrowsAny<Xunit.Sdk.XunitException>(witness.AssertNothingLeaked);
        }
    }
}
