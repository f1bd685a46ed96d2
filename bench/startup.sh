#!/usr/bin/env bash
# Start-up times, median of BENCH_RUNS (default 3):
# - `dotnet run --no-build` of the AppHost (local PostgreSQL, new data directory) to the API's first healthy /health;
# - the standalone API (new SQLite file, migrating at start-up) to its first 200 on GET /players/.
# The AppHost gets free ports (dashboard and API) so that it can run beside another developer's AppHost.
source "$(dirname "$0")/lib.sh"
require curl python3 setsid

runs=${BENCH_RUNS:-3}
echo "Building Release…" >&2
build "$repo_dir/Players.AppHost"
api_dll="$repo_dir/Players.Api/bin/Release/net10.0/Players.Api.dll"
api_exe="$repo_dir/Players.Api/bin/Release/net10.0/Players.Api"
machine | tee "$results_dir/machine.txt" >&2

now_ms() { date +%s%3N; }

# The API the AppHost started: only this script runs this worktree's Release build under dcp.
apphost_api_url() {
  local pid
  for pid in $(pgrep -x Players.Api); do
    [ "$(readlink "/proc/$pid/exe" 2>/dev/null)" = "$api_exe" ] || continue
    tr '\0' '\n' <"/proc/$pid/environ" 2>/dev/null | sed -n 's/^ASPNETCORE_URLS=\([^;]*\).*/\1/p' | head -n 1
    return
  done
}

# Waits until no process of the AppHost's run remains: dcp outlives the AppHost by a moment while it stops the rest.
wait_apphost_gone() { # data-directory
  local deadline=$((SECONDS + 60)) pid
  while pgrep -f -- "$1" >/dev/null || [ -n "$(apphost_api_url)" ]; do
    if ((SECONDS >= deadline)); then
      echo "the AppHost left processes behind; stopping them" >&2
      for pid in $(pgrep -f -- "$1"); do kill -TERM "$pid" 2>/dev/null || true; done
      sleep 2
      return
    fi
    sleep 0.2
  done
}

apphost_run() { # run-number
  local data; data=$(mktemp -d /tmp/players-bench-apphost.XXXXXX)
  chmod 755 "$data"
  local start url=""; start=$(now_ms)
  ASPNETCORE_ENVIRONMENT=Development DOTNET_ENVIRONMENT=Development ASPIRE_ALLOW_UNSECURED_TRANSPORT=true \
    ASPNETCORE_URLS="http://127.0.0.1:$(free_port)" \
    ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL="http://127.0.0.1:$(free_port)" \
    ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL="http://127.0.0.1:$(free_port)" \
    DcpPublisher__RandomizePorts=true \
    setsid dotnet run --no-build -c Release --no-launch-profile --project "$repo_dir/Players.AppHost" -- \
    "--Players:Postgres:Source=local" "--Players:Postgres:DataDirectory=$data/pg" >"$results_dir/apphost-$1.log" 2>&1 &
  local pid=$!; started_groups+=("$pid")
  local deadline=$((SECONDS + 120))
  until [ -n "$url" ] && curl -fsS -o /dev/null "$url/health" 2>/dev/null; do
    ((SECONDS < deadline)) && kill -0 "$pid" 2>/dev/null \
      || { echo "the AppHost's API never became healthy; see $results_dir/apphost-$1.log" >&2; exit 1; }
    [ -n "$url" ] || url=$(apphost_api_url)
    sleep 0.05
  done
  echo $(($(now_ms) - start)) >>"$results_dir/apphost.ms"
  kill -TERM -- "-$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  started_groups=()
  wait_apphost_gone "$data/pg"
  rm -rf "$data"
}

api_run() { # run-number
  local port start; port=$(free_port)
  rm -f "$results_dir/startup.db"
  start=$(now_ms)
  (cd "$(dirname "$api_dll")" && DATABASE_URL="sqlite:///$results_dir/startup.db" Players__Api__Writes=open exec dotnet "$api_dll" --urls "http://127.0.0.1:$port") \
    >"$results_dir/api-$1.log" 2>&1 &
  local pid=$!; started_pids+=("$pid")
  wait_http "http://127.0.0.1:$port/players/" 120 "$pid"
  echo $(($(now_ms) - start)) >>"$results_dir/api.ms"
  stop "$pid"
}

for i in $(seq "$runs"); do
  echo "run $i…" >&2
  apphost_run "$i"
  api_run "$i"
done
machine | sed 's/^machine/after/' | tee -a "$results_dir/machine.txt" >&2

python3 - "$results_dir" <<'PY' | tee "$results_dir/table.txt"
import sys, statistics, pathlib
root = pathlib.Path(sys.argv[1])
for name, label, goal in (
        ("apphost", "AppHost `dotnet run --no-build` → API healthy (local PostgreSQL, new data directory)", 10.0),
        ("api", "standalone API start → first 200 on GET /players/ (new SQLite file, migrating)", None)):
    times = [int(t) / 1000 for t in (root / f"{name}.ms").read_text().split()]
    median = statistics.median(times)
    verdict = f"; goal < {goal:.0f} s" if goal else ""
    print(f"{label}: median {median:.2f} s over {len(times)} runs ({', '.join(f'{t:.2f}' for t in times)}){verdict}")
PY
echo "raw results: $results_dir" >&2
