namespace Players.Tests.Reliability;

/// <summary>
/// What one load client believes its own squad numbers hold, built only from the answers it got. A client owns its
/// numbers alone, so each answer is predictable from the model: any other status is a lost or phantom write.
/// </summary>
public sealed class SquadModel(IEnumerable<int> ownNumbers)
{
    private readonly Dictionary<int, string?> _players = ownNumbers.ToDictionary(n => n, _ => (string?)null);

    public IReadOnlyCollection<int> Numbers => _players.Keys;

    public bool Holds(int squadNumber) => _players[squadNumber] is not null;

    public string? FirstName(int squadNumber) => _players[squadNumber];

    public void Created(int squadNumber, string firstName) => _players[squadNumber] = firstName;

    public void Replaced(int squadNumber, string firstName) => _players[squadNumber] = firstName;

    public void Deleted(int squadNumber) => _players[squadNumber] = null;

    public IEnumerable<(int SquadNumber, string FirstName)> Players =>
        _players.Where(p => p.Value is not null).Select(p => (p.Key, p.Value!));
}
