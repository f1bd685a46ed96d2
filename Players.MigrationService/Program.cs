using Microsoft.EntityFrameworkCore;
using Players.Data;

var builder = Host.CreateApplicationBuilder(args);
builder.AddServiceDefaults();

var target = DatabaseSelection.Resolve(builder.Configuration);
await using var db = new PlayersDbContext(new DbContextOptionsBuilder<PlayersDbContext>().UsePlayersDatabase(target).Options);
await db.Database.MigrateAsync();
return 0;
