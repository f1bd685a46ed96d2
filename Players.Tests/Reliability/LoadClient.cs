using System.Net;
using Players.Tests.Api;

namespace Players.Tests.Reliability;

/// <summary>One of the concurrent load clients: a fixed mix of reads and writes over squad numbers of its own.</summary>
public sealed class LoadClient(int index, HttpClient http, SquadModel model)
{
    public SquadModel Model => model;

    public List<string> Surprises { get; } = [];

    public int ServerErrors { get; private set; }

    public async Task RunAsync(int requests, CancellationToken cancellationToken)
    {
        var random = new Random(index);
        var numbers = model.Numbers.ToArray();
        for (var i = 0; i < requests; i++)
        {
            var number = numbers[random.Next(numbers.Length)];
            var roll = random.Next(100);
            var step = roll switch
            {
                < 25 => ListAsync(cancellationToken),
                < 35 => ReadSeededAsync(cancellationToken),
                < 50 => ReadAsync(number, cancellationToken),
                < 70 => CreateAsync(number, $"C{index}-{i}"),
                < 85 => ReplaceAsync(number, $"R{index}-{i}"),
                _ => DeleteAsync(number, cancellationToken),
            };
            await step;
        }
    }

    private async Task ListAsync(CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync("/players/", cancellationToken);
        Expect("GET /players/", response, HttpStatusCode.OK);
    }

    private async Task ReadSeededAsync(CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync("/players/squadnumber/10", cancellationToken);
        Expect("GET seeded 10", response, HttpStatusCode.OK);
    }

    private async Task ReadAsync(int number, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync($"/players/squadnumber/{number}", cancellationToken);
        if (Expect($"GET {number}", response, model.Holds(number) ? HttpStatusCode.OK : HttpStatusCode.NotFound)
            && response.StatusCode == HttpStatusCode.OK)
        {
            var firstName = (await response.ReadJsonAsync()).GetProperty("firstName").GetString();
            if (firstName != model.FirstName(number))
            {
                Surprises.Add($"GET {number} read {firstName}, expected {model.FirstName(number)}");
            }
        }
    }

    private async Task CreateAsync(int number, string firstName)
    {
        var body = PlayerBodies.Valid(number).With("firstName", firstName).Json();
        using var response = await http.PostJsonAsync("/players/", body);
        if (Expect($"POST {number}", response, model.Holds(number) ? HttpStatusCode.Conflict : HttpStatusCode.Created)
            && response.StatusCode == HttpStatusCode.Created)
        {
            model.Created(number, firstName);
        }
    }

    private async Task ReplaceAsync(int number, string firstName)
    {
        var body = PlayerBodies.Valid(number).With("firstName", firstName).Json();
        using var response = await http.PutJsonAsync($"/players/squadnumber/{number}", body);
        if (Expect($"PUT {number}", response, model.Holds(number) ? HttpStatusCode.NoContent : HttpStatusCode.NotFound)
            && response.StatusCode == HttpStatusCode.NoContent)
        {
            model.Replaced(number, firstName);
        }
    }

    private async Task DeleteAsync(int number, CancellationToken cancellationToken)
    {
        using var response = await http.DeleteAsync($"/players/squadnumber/{number}", cancellationToken);
        if (Expect($"DELETE {number}", response, model.Holds(number) ? HttpStatusCode.NoContent : HttpStatusCode.NotFound)
            && response.StatusCode == HttpStatusCode.NoContent)
        {
            model.Deleted(number);
        }
    }

    private bool Expect(string request, HttpResponseMessage response, HttpStatusCode expected)
    {
        if ((int)response.StatusCode >= 500)
        {
            ServerErrors++;
        }

        if (response.StatusCode == expected)
        {
            return true;
        }

        Surprises.Add($"{request} answered {(int)response.StatusCode}, expected {(int)expected}");
        return false;
    }
}
