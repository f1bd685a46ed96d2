// One fresh process's first use of PlayersDbContext, timed in process: options, the model (EF's services and, without
// a compiled model, the conventions), the first query and the first lookup. Usage: ModelTime sqlite|postgresql
// <connection string> built|compiled. Prints one tab-separated line of milliseconds.
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Players.Data;
using Players.Data.CompiledModels;

var engine = args[0] == "sqlite" ? DatabaseEngine.Sqlite : DatabaseEngine.PostgreSql;
var clock = Stopwatch.StartNew();
var builder = new DbContextOptionsBuilder<PlayersDbContext>();
if (engine == DatabaseEngine.Sqlite)
{
    builder.UseSqlite(args[1]);
}
else
{
    builder.UseNpgsql(args[1]);
}

if (args[2] == "compiled")
{
    builder.UseModel(PlayersCompiledModels.For(engine));
}

using var db = new PlayersDbContext(builder.Options);
var options = clock.Elapsed.TotalMilliseconds;
_ = db.Model;
var model = clock.Elapsed.TotalMilliseconds;
var count = await db.Players.AsNoTracking().CountAsync();
var query = clock.Elapsed.TotalMilliseconds;
_ = await db.Players.AsNoTracking().FirstOrDefaultAsync(player => player.SquadNumber == 10);
var lookup = clock.Elapsed.TotalMilliseconds;
Console.WriteLine(FormattableString.Invariant(
    $"{args[0]}\t{args[2]}\t{options:F0}\t{model - options:F0}\t{query - model:F0}\t{lookup - query:F0}\t{lookup:F0}\t{count}"));
