using System.Text;

namespace Players.Tests.Security;

/// <summary>Everything a run let out (console, bodies, headers, exported telemetry), searched for a password in any spelling.</summary>
public sealed class SecretWitness(string password)
{
    private readonly List<(string Source, byte[] Bytes)> _evidence = [];

    /// <summary>The password as written, percent-encoded as in a URL, and its random core alone.</summary>
    public IReadOnlyList<string> Spellings { get; } =
        [password, Uri.EscapeDataString(password), password.Split('-')[1][..32]];

    public int Count => _evidence.Count;

    public void Saw(string source, string text) => _evidence.Add((source, Encoding.UTF8.GetBytes(text)));

    public void Saw(string source, byte[] bytes) => _evidence.Add((source, bytes));

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
