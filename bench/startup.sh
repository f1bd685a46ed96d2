#!/usr/bin/env bash
# Start-up times, median of BENCH_RUNS (default 3):
# - `dotnet run --no-build` of the AppHost (local PostgreSQL, new data directory) to the API's first healthy /health;
# - the standalone API (new SQLite file, migrating at start-up) to its first 200 on GET /players/.
# The AppHost runs with DcpPublisher__RandomizePorts, so that it can run beside another developer's AppHost: every
# resource and the dashboard take random ports (the dashboard ignores the address it is given; it is found in the log).
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
  python3 "$bench_dir/startup_phases.py" --start "$start" --stop "$data/healthy" --worktree "$repo_dir" --data "$data/pg" \
    >"$results_dir/phases-$1.tsv" &
  local sampler=$!; started_pids+=("$sampler")
  # Without a launch profile the AppHost refuses to start unless these name addresses, which RandomizePorts replaces.
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
  local healthy=$(($(now_ms) - start))
  echo "$healthy" >>"$results_dir/apphost.ms"
  touch "$data/healthy"
  wait "$sampler" 2>/dev/null || true
  stop "$sampler"
  printf 'api healthy\t%s\t\n' "$healthy" >>"$results_dir/phases-$1.tsv"
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
        ("apphost", "AppHost `dotnet run --no-build` → API healthy (local PostgreSQL, new data directory)", 7.0),
        ("api", "standalone API start → first 200 on GET /players/ (new SQLite file, migrating)", None)):
    times = [int(t) / 1000 for t in (root / f"{name}.ms").read_text().split()]
    median = statistics.median(times)
    verdict = f"; goal ≤ {goal:.0f} s" if goal else ""
    print(f"{label}: median {median:.2f} s over {len(times)} runs ({', '.join(f'{t:.2f}' for t in times)}){verdict}")

# Where the AppHost's start goes: each phase between two moments seen from outside, median over the runs (ms).
runs = []
for path in sorted(root.glob("phases-*.tsv")):
    moments = {}
    for line in path.read_text().splitlines():
        name, started, gone = (line.split("\t") + [""])[:3]
        # The first process of each name: dcp re-executes itself, and PostgreSQL forks its backends.
        if f"{name} starts" not in moments:
            moments[f"{name} starts"] = int(started)
            if gone:
                moments[f"{name} exits"] = int(gone)
    runs.append(moments)
phases = [
    ("`dotnet run --no-build` evaluates the AppHost project, then starts it", "start", "apphost starts"),
    ("AppHost start-up until DCP is started (Aspire)", "apphost starts", "dcp starts"),
    ("DCP start until it starts the PostgreSQL script (Aspire)", "dcp starts", "postgres script starts"),
    ("initdb, new data directory (ours)", "initdb starts", "initdb exits"),
    ("server start until it accepts connections (PostgreSQL)", "postgres server starts", "postgres accepts connections starts"),
    ("accepting until the worker is launched: health-check interval and WaitFor (Aspire)", "postgres accepts connections starts", "worker's dotnet run starts"),
    ("`dotnet run --no-build` of the worker until its process starts (Aspire's launch)", "worker's dotnet run starts", "worker starts"),
    ("the worker's run, empty → head (ours)", "worker starts", "worker exits"),
    ("worker exit until the API is launched: WaitForCompletion (Aspire)", "worker exits", "api's dotnet run starts"),
    ("`dotnet run --no-build` of the API until its process starts (Aspire's launch)", "api's dotnet run starts", "api starts"),
    ("API start until its first healthy /health (ours)", "api starts", "api healthy starts"),
]
print()
print(f"{'phase (owner)':90} {'median ms':>9}  runs")
for label, begin, end in phases:
    spans = [m[end] - (0 if begin == "start" else m[begin]) for m in runs if end in m and (begin == "start" or begin in m)]
    if spans:
        print(f"{label:90} {statistics.median(spans):>9.0f}  {', '.join(str(s) for s in spans)}")
PY
echo "raw results: $results_dir" >&2
