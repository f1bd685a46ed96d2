#!/usr/bin/env bash
# The worker's `verify` against `status` on the same database at head, on SQLite and PostgreSQL: both start the
# process and read the history; verify also reads the stored checksums and recomputes every migration's, so the
# difference is what verifying costs. Median of BENCH_RUNS (default 10) runs each, after one warm-up; and the
# milliseconds verify itself logs (connect, read, recompute, compare), which a loaded machine blurs far less.
source "$(dirname "$0")/lib.sh"
require hyperfine dotnet python3

runs=${BENCH_RUNS:-10}
echo "Building Release…" >&2
build "$repo_dir/Players.MigrationService"
machine | tee "$results_dir/machine.txt" >&2
worker="dotnet $repo_dir/Players.MigrationService/bin/Release/net10.0/Players.MigrationService.dll"

start_postgres
for engine in sqlite postgresql; do
  [ "$engine" = sqlite ] && url="sqlite:///$results_dir/verify.db" || url=$(postgres_url players_verify_bench)
  echo "$engine…" >&2
  DATABASE_URL=$url $worker upgrade 2>"$results_dir/$engine-upgrade.log"
  for command in verify status; do
    DATABASE_URL=$url hyperfine --style basic --runs "$runs" --warmup 1 --export-json "$results_dir/$engine-$command.json" \
      --command-name "$engine-$command" "$worker $command" >"$results_dir/$engine-$command.txt"
  done
  for ((run = 0; run < runs; run++)); do
    DATABASE_URL=$url $worker verify 2>&1 >/dev/null | sed -nE 's/.*Verified .* in ([0-9]+) ms\./\1/p'
  done >"$results_dir/$engine-verify-ms.txt"
done

machine | sed 's/^machine/after/' | tee -a "$results_dir/machine.txt" >&2

python3 - "$results_dir" <<'PY' | tee "$results_dir/table.txt"
import json, sys, statistics, pathlib
root = pathlib.Path(sys.argv[1])
def median(name): return statistics.median(json.loads((root / f"{name}.json").read_text())["results"][0]["times"])
def logged(name): return statistics.median(int(line) for line in (root / f"{name}.txt").read_text().split())
print(f"{'engine':11} {'verify s':>9} {'status s':>9} {'verify logged ms':>17}")
for engine in ("sqlite", "postgresql"):
    print(f"{engine:11} {median(f'{engine}-verify'):>9.2f} {median(f'{engine}-status'):>9.2f} {logged(f'{engine}-verify-ms'):>17.0f}")
PY
echo "raw results: $results_dir" >&2
