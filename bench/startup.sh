#!/usr/bin/env bash
# Start-up times: the AppHost (local PostgreSQL, fresh data directory) to a healthy API, and the standalone API
# (fresh SQLite file, migrating at start-up) to its first 200 on GET /players/. Median of BENCH_RUNS (default 3).
source "$(dirname "$0")/lib.sh"
require curl dotnet python3

runs=${BENCH_RUNS:-3}
echo "Building Release…" >&2
dotnet build -c Release "$repo_dir/Players.AppHost" -v q -nologo >/dev/null
api_dll="$repo_dir/Players.Api/bin/Release/net10.0/Players.Api.dll"

now_ms() { date +%s%3N; }

apphost_run() {
  local data; data=$(mktemp -d /tmp/players-bench-apphost.XXXXXX)
  local start; start=$(now_ms)
  dotnet run --no-build -c Release --project "$repo_dir/Players.AppHost" -- \
    "--Players:Postgres:Source=local" "--Players:Postgres:DataDirectory=$data/pg" >"$results_dir/apphost-$1.log" 2>&1 &
  local pid=$!
  wait_http "http://localhost:9000/health" 180
  echo $(($(now_ms) - start)) >>"$results_dir/apphost.ms"
  kill -INT "$pid"; wait "$pid" || true
  rm -rf "$data"
}

api_run() {
  local port start; port=$(free_port)
  rm -f "$results_dir/startup.db"
  start=$(now_ms)
  DATABASE_URL="sqlite:///$results_dir/startup.db" dotnet "$api_dll" --urls "http://127.0.0.1:$port" >"$results_dir/api-$1.log" 2>&1 &
  local pid=$!
  wait_http "http://127.0.0.1:$port/players/" 120
  echo $(($(now_ms) - start)) >>"$results_dir/api.ms"
  kill -INT "$pid"; wait "$pid" || true
}

for i in $(seq "$runs"); do apphost_run "$i"; api_run "$i"; done

python3 - "$results_dir" <<'PY'
import sys, statistics, pathlib
root = pathlib.Path(sys.argv[1])
for name, label in (("apphost", "AppHost start → API healthy (local PostgreSQL, new data directory)"),
                    ("api", "standalone API start → first 200 on GET /players/ (new SQLite file)")):
    times = [int(t) for t in (root / f"{name}.ms").read_text().split()]
    print(f"{label}: median {statistics.median(times) / 1000:.2f} s over {len(times)} runs ({', '.join(f'{t / 1000:.2f}' for t in times)})")
PY
echo "raw results: $results_dir" >&2
