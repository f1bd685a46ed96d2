#!/usr/bin/env bash
# The migration worker's wall time against `dotnet ef database update --no-build` on the same database:
# empty → head, and head → base → head, on SQLite and PostgreSQL. Median of BENCH_RUNS (default 5) runs each.
source "$(dirname "$0")/lib.sh"
require hyperfine dotnet python3 psql

runs=${BENCH_RUNS:-5}
echo "Building Release…" >&2
dotnet build -c Release "$repo_dir/Players.MigrationService" -v q -nologo >/dev/null
dotnet build -c Release "$repo_dir/Players.Data" -v q -nologo >/dev/null
(cd "$repo_dir" && dotnet tool restore >/dev/null)
worker="dotnet $repo_dir/Players.MigrationService/bin/Release/net10.0/Players.MigrationService.dll"
ef="dotnet ef database update --no-build --configuration Release --project $repo_dir/Players.Data"

start_postgres
sqlite_file="$results_dir/worker.db"

measure() { # name url reset-command command...
  local name=$1 url=$2 reset=$3; shift 3
  DATABASE_URL=$url hyperfine --runs "$runs" --warmup 1 --prepare "$reset" --export-json "$results_dir/$name.json" \
    --command-name "$name" "$@" >"$results_dir/$name.txt"
}

for engine in sqlite postgresql; do
  if [ "$engine" = sqlite ]; then
    url="sqlite:///$sqlite_file"; drop="rm -f $sqlite_file"
  else
    url=$(postgres_url players_worker_bench)
    drop="psql -q -h 127.0.0.1 -p $pg_port -U postgres -d postgres -c 'DROP DATABASE IF EXISTS players_worker_bench WITH (FORCE)'"
  fi
  measure "$engine-worker-empty-to-head" "$url" "$drop" "$worker"
  measure "$engine-ef-empty-to-head" "$url" "$drop" "$ef"
  measure "$engine-worker-head-base-head" "$url" "DATABASE_URL=$url $worker" "$worker downgrade base && $worker upgrade head"
  measure "$engine-ef-head-base-head" "$url" "DATABASE_URL=$url $worker" "$ef 0 && $ef"
done

python3 - "$results_dir" <<'PY'
import json, sys, statistics, pathlib
root = pathlib.Path(sys.argv[1])
def median(name): return statistics.median(json.loads((root / f"{name}.json").read_text())["results"][0]["times"])
print(f"{'engine':11} {'run':16} {'worker s':>9} {'dotnet ef s':>11} {'ratio':>6}")
for engine in ("sqlite", "postgresql"):
    for run in ("empty-to-head", "head-base-head"):
        w, e = median(f"{engine}-worker-{run}"), median(f"{engine}-ef-{run}")
        print(f"{engine:11} {run:16} {w:>9.2f} {e:>11.2f} {w / e:>6.0%}")
PY
echo "raw results: $results_dir" >&2
