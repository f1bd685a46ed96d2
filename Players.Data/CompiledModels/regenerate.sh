#!/usr/bin/env bash
# Regenerates the compiled models of PlayersDbContext, one per provider, after a change to the model (an entity, a
# configuration, a convention). CompiledModelTests fails until they are regenerated. No database is touched: the
# design-time factory only needs to know the engine.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"
dotnet build Players.Data -nologo -v q -p:WithoutCompiledModels=true
for provider in Sqlite:sqlite:///compiled-model.db Postgres:postgresql://localhost/players; do
  name=${provider%%:*}
  rm -rf "Players.Data/CompiledModels/$name"
  DATABASE_URL=${provider#*:} dotnet ef dbcontext optimize --project Players.Data --no-build \
    --output-dir "CompiledModels/$name" --namespace "Players.Data.CompiledModels.$name"
  # PlayersCompiledModels picks the model per provider; the attribute would name one of them for every context.
  rm "Players.Data/CompiledModels/$name/PlayersDbContextAssemblyAttributes.cs"
done
dotnet build Players.Data -nologo -v q
