#!/usr/bin/env bash
# The migration worker's wall time against `dotnet ef database update --no-build` on the same database:
# empty → head, and head → base → head, on SQLite and PostgreSQL; then `check` on the head database beside `status`
# (start, connect, read the history: what any read-only run costs). Median of BENCH_RUNS (default 5) runs each.
# The worker runs as deployed, published (ReadyToRun); empty → head also from its build output, as `dotnet run` runs it.
source "$(dirname "$0")/lib.sh"
require hyperfine dotnet python3 psql

runs=${BENCH_RUNS:-5}
echo "Building Release…" >&2
build "$repo_dir/Players.MigrationService" "$repo_dir/Players.Data"
publish "$repo_dir/Players.MigrationService" "$results_dir/worker"
(cd "$repo_dir" && dotnet tool restore >/dev/null)
machine | tee "$results_dir/machine.txt" >&2
worker="dotnet $results_dir/worker/Players.MigrationService.dll"
built_worker="dotnet $repo_dir/Players.MigrationService/bin/Release/net10.0/Players.MigrationService.dll"
ef="dotnet ef database update --no-build --configuration Release --project $repo_dir/Players.Data"

start_postgres
sqlite_file="$results_dir/worker.db"

measure() { # name url reset-command command...
  local name=$1 url=$2 reset=$3; shift 3
  DATABASE_URL=$url hyperfine --style basic --runs "$runs" --warmup 1 --prepare "$reset" --export-json "$results_dir/$name.json" \
    --command-name "$name" "$@" >"$results_dir/$name.txt"
}

for engine in sqlite postgresql; do
  if [ "$engine" = sqlite ]; then
    url="sqlite:///$sqlite_file"; drop="rm -f $sqlite_file $sqlite_file-*"
  else
    url=$(postgres_url players_worker_bench)
    drop="psql -q -h 127.0.0.1 -p $pg_port -U postgres -d postgres -c 'DROP DATABASE IF EXISTS players_worker_bench WITH (FORCE)'"
  fi
  echo "$engine…" >&2
  measure "$engine-worker-empty-to-head" "$url" "$drop" "$worker"
  measure "$engine-built-worker-empty-to-head" "$url" "$drop" "$built_worker"
  measure "$engine-ef-empty-to-head" "$url" "$drop" "$ef"
  measure "$engine-worker-head-base-head" "$url" "DATABASE_URL=$url $worker" "$worker downgrade base && $worker upgrade head"
  measure "$engine-ef-head-base-head" "$url" "DATABASE_URL=$url $worker" "$ef 0 && $ef"
  measure "$engine-worker-status" "$url" true "$worker status"
  measure "$engine-worker-check" "$url" true "$worker check"
done

machine | sed 's/^machine/after/' | tee -a "$results_dir/machine.txt" >&2

python3 - "$results_dir" <<'PY' | tee "$results_dir/table.txt"
import json, sys, statistics, pathlib
root = pathlib.Path(sys.argv[1])
def median(name): return statistics.median(json.loads((root / f"{name}.json").read_text())["results"][0]["times"])
print(f"{'engine':11} {'run':16} {'worker s':>9} {'dotnet ef s':>11} {'ratio':>6}")
for engine in ("sqlite", "postgresql"):
    for run in ("empty-to-head", "head-base-head"):
        w, e = median(f"{engine}-worker-{run}"), median(f"{engine}-ef-{run}")
        print(f"{engine:11} {run:16} {w:>9.2f} {e:>11.2f} {w / e:>6.0%}")
for engine in ("sqlite", "postgresql"):
    w, e = median(f"{engine}-built-worker-empty-to-head"), median(f"{engine}-ef-empty-to-head")
    print(f"{engine:11} {'empty (built)':16} {w:>9.2f} {e:>11.2f} {w / e:>6.0%}")
print()
print(f"{'engine':11} {'status s':>9} {'check s':>8} {'check − status s':>17}")
for engine in ("sqlite", "postgresql"):
    s, c = median(f"{engine}-worker-status"), median(f"{engine}-worker-check")
    print(f"{engine:11} {s:>9.2f} {c:>8.2f} {c - s:>17.2f}")
print()
for engine, budget in (("sqlite", 1.5), ("postgresql", 2.5)):
    w, e = median(f"{engine}-worker-empty-to-head"), median(f"{engine}-ef-empty-to-head")
    print(f"goal {engine} empty → head < {budget} s: {w:.2f} s; ÷ dotnet ef {w / e:.2f}" + (" (goal ≤ 0.45)" if engine == "postgresql" else ""))
PY
echo "raw results: $results_dir" >&2
