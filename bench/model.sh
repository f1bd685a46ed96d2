#!/usr/bin/env bash
# A fresh process's first PlayersDbContext use, timed in process (bench/ModelTime, Debug as the AppHost runs the
# services): with the model built by the conventions, and with Players.Data's compiled model, alternately
# BENCH_RUNS times (default 5) per engine, on a database at head (SQLite file; a throwaway PostgreSQL cluster).
# Prints the median of each step in ms.
source "$(dirname "$0")/lib.sh"
require python3 setsid

runs=${BENCH_RUNS:-5}
echo "Building (Debug)…" >&2
dotnet build "$bench_dir/ModelTime" -nologo -v q >"$results_dir/build.log" 2>&1 || { cat "$results_dir/build.log" >&2; exit 1; }
dotnet build "$repo_dir/Players.MigrationService" -nologo -v q >>"$results_dir/build.log" 2>&1 || { cat "$results_dir/build.log" >&2; exit 1; }
tool="$bench_dir/ModelTime/bin/Debug/net10.0/ModelTime.dll"
worker="$repo_dir/Players.MigrationService/bin/Debug/net10.0/Players.MigrationService.dll"
machine | tee "$results_dir/machine.txt" >&2

start_postgres
DATABASE_URL="sqlite:///$results_dir/players.db" dotnet "$worker" >"$results_dir/worker-sqlite.log" 2>&1
DATABASE_URL=$(postgres_url players_bench) dotnet "$worker" >"$results_dir/worker-postgresql.log" 2>&1
for i in $(seq "$runs"); do
  for model in built compiled; do
    dotnet "$tool" sqlite "Data Source=$results_dir/players.db" "$model"
    dotnet "$tool" postgresql "Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=players_bench" "$model"
  done
done >"$results_dir/model.tsv"
machine | sed 's/^machine/after/' | tee -a "$results_dir/machine.txt" >&2

python3 - "$results_dir/model.tsv" <<'PY' | tee "$results_dir/table.txt"
import sys, statistics
from collections import defaultdict
rows = defaultdict(list)
for line in open(sys.argv[1]):
    engine, model, *ms = line.split("\t")
    rows[(engine, model)].append([int(v) for v in ms[:5]])
print(f"{'engine':11} {'model':9} {'options':>8} {'model':>8} {'1st query':>9} {'1st lookup':>10} {'total':>8}  (ms, medians of {len(next(iter(rows.values())))} fresh processes)")
for (engine, model), values in rows.items():
    print(f"{engine:11} {model:9} " + " ".join(f"{statistics.median(v[i] for v in values):>{w}.0f}" for i, w in enumerate((8, 8, 9, 10, 8))))
PY
echo "raw results: $results_dir" >&2
