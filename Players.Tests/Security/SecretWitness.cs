using System.Diagnostics;
using System.Text;

namespace Players.Tests.Security;

/// <summary>Everything a run let out (console, bodies, headers, exported telemetry), searched for a secret in any spelling.</summary>
public sealed class SecretWitness
{
    private readonly List<(string Source, byte[] Bytes)> _evidence = [];

    /// <summary>A password: as written, percent-encoded as in a URL, and its random core alone.</summary>
    public SecretWitness(string password)
        : this([password, Uri.EscapeDataString(password), password.Split('-')[1][..32]])
    {
    }

    private SecretWitness(IReadOnlyList<string> spellings) => Spellings = spellings;

    public IReadOnlyList<string> Spellings { get; }

    /// <summary>
    /// Bearer tokens and the key that signs them: each token's signature, the part that makes it usable (header and
    /// payload are base64 of claims that a log may legitimately name, such as the subject), and the key as configured.
    /// </summary>
    public static SecretWitness ForTokens(IEnumerable<string> tokens, string signingKey) =>
        new([.. tokens.Select(token => token.Split('.')[2]).Where(signature => signature.Length > 0), signingKey]);

    public int Count => _evidence.Count;

    public void Saw(string source, string text) => _evidence.Add((source, Encoding.UTF8.GetBytes(text)));

    public void Saw(string source, byte[] bytes) => _evidence.Add((source, bytes));

    /// <summary>A span as an exporter would send it: its name, status, tags, events with theirs, and baggage.</summary>
    public void Saw(string source, Activity span)
    {
        var text = new StringBuilder($"{span.Source.Name} {span.DisplayName} {span.Status} {span.StatusDescription}\n");
        foreach (var (key, value) in span.TagObjects)
        {
            text.AppendLine($"{key}={value}");
        }

        foreach (var spanEvent in span.Events)
        {
            text.AppendLine(spanEvent.Name);
            foreach (var (key, value) in spanEvent.Tags)
            {
                text.AppendLine($"  {key}={value}");
            }
        }

        foreach (var (key, value) in span.Baggage)
        {
            text.AppendLine($"baggage {key}={value}");
        }

        Saw(source, text.ToString());
    }

    public async Task SawAsync(string source, HttpResponseMessage response)
    {
        var text = new StringBuilder($"{(int)response.StatusCode} {response.ReasonPhrase}\n");
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            text.AppendLine($"{name}: {string.Join(", ", values)}");
        }

        text.AppendLine(await response.Content.ReadAsStringAsync());
        Saw(source, text.ToString());
    }

    public void AssertNothingLeaked()
    {
        var leaks = _evidence
            .SelectMany(e => Spellings.Where(s => e.Bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(s)) >= 0).Select(s => $"{e.Source} holds '{s}'"))
            .ToList();
        Assert.Empty(leaks);
    }
}
