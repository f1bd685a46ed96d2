#!/usr/bin/env bash
# Start-up times:
# - Players' AppHost as a newcomer runs it — `dotnet build` (Debug), then `dotnet run --no-build --project
#   Players.AppHost` with no arguments (database `auto`, the default data directory, the launch profile's ports) —
#   to the first 200 from http://localhost:9000/health, with a new data directory (the default one removed) and with
#   the existing one; each run right after a run of Aspire's floor (bench/Floor: the same AppHost shape with empty
#   services), so that every ratio compares two figures taken moments apart. BENCH_ROUNDS rounds (default 5) of
#   floor, new, floor, existing; each median and the median of the per-round ratios, and a phase table per kind of run
#   (startup_phases.py watches /proc: when each process starts and exits, when PostgreSQL first accepts a connection);
# - the standalone API (Release, new SQLite file, migrating at start-up) to its first 200 on GET /players/, median of
#   BENCH_RUNS (default 3).
# Needs the ports the launch profiles name (9000, 15180, 19180, 20180) free: another AppHost running stops it.
source "$(dirname "$0")/lib.sh"
require curl python3 setsid ss

rounds=${BENCH_ROUNDS:-5}
runs=${BENCH_RUNS:-3}
ports=(9000 15180 19180 20180)
health=http://localhost:9000/health
floor_project=bench/Floor/AppHost
# LocalPostgresDataDirectory.Default: /var/tmp/players-postgres-<user>/<major of the newest server binaries>.
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$pg_bin" ] || { echo "PostgreSQL server binaries missing: apt-get install postgresql" >&2; exit 2; }
data_dir=/var/tmp/players-postgres-$(id -un)/$(basename "$(dirname "$pg_bin")")

listening() { ss -Htln | awk '{ print $4 }' | grep -qE ":($(IFS='|'; echo "${ports[*]}"))\$"; }
if listening; then
  echo "a port of ${ports[*]} is taken (another AppHost?): stop it first" >&2
  exit 2
fi

echo "Building (Debug, as a newcomer does; Release for the standalone API)…" >&2
(cd "$repo_dir" && dotnet build -nologo -v q >"$results_dir/build-debug.log" 2>&1 \
  && dotnet build "$floor_project" -nologo -v q >>"$results_dir/build-debug.log" 2>&1) \
  || { cat "$results_dir/build-debug.log" >&2; exit 1; }
build "$repo_dir/Players.Api"
api_dll="$repo_dir/Players.Api/bin/Release/net10.0/Players.Api.dll"
machine | tee "$results_dir/machine.txt" >&2

now_ms() { date +%s%3N; }

# This worktree's processes of a run: the AppHosts, the services they launch (by build path), the local server.
run_processes() {
  pgrep -f -- "$repo_dir/(Players\.(AppHost|Api|MigrationService)|bench/Floor)/|$data_dir" || true
}

# Waits until the previous run is gone: its ports closed, PostgreSQL and every process of the run stopped (dcp
# outlives the AppHost by a moment while it stops the rest).
wait_gone() {
  local deadline=$((SECONDS + 60)) pid
  while listening || [ -n "$(run_processes)" ]; do
    if ((SECONDS >= deadline)); then
      echo "a run left processes behind; stopping them" >&2
      for pid in $(run_processes); do kill -TERM "$pid" 2>/dev/null || true; done
      sleep 2
      return
    fi
    sleep 0.2
  done
}

# One AppHost run to its first healthy /health: kind is floor, new or existing; prints the milliseconds.
apphost_run() { # kind round
  local kind=$1 project=Players.AppHost phases=(--data "$data_dir")
  case $kind in
    floor) project=$floor_project; phases=(--data /nonexistent --apphost "$floor_project" --worker bench/Floor/Worker --api bench/Floor/Api) ;;
    new) rm -rf "$data_dir" ;;
  esac
  run_count=$((${run_count:-0} + 1))
  local name; name=$(printf '%02d-%s-%s' "$run_count" "$kind" "$2")
  local stop_file="$results_dir/healthy-$name" start; start=$(now_ms)
  python3 "$bench_dir/startup_phases.py" --start "$start" --stop "$stop_file" --worktree "$repo_dir" "${phases[@]}" \
    >"$results_dir/phases-$name.tsv" &
  local sampler=$!; started_pids+=("$sampler")
  # As a newcomer: from the repository, no arguments, the launch profile; none of the caller's Aspire settings.
  (cd "$repo_dir" && exec env -u ASPNETCORE_URLS -u ASPNETCORE_ENVIRONMENT -u DOTNET_ENVIRONMENT \
    -u DcpPublisher__RandomizePorts -u OTEL_EXPORTER_OTLP_ENDPOINT -u DATABASE_URL \
    setsid dotnet run --no-build --project "$project") >"$results_dir/apphost-$name.log" 2>&1 &
  local pid=$!; started_groups+=("$pid")
  local deadline=$((SECONDS + 180))
  until curl -fsS --max-time 2 -o /dev/null "$health" 2>/dev/null; do
    ((SECONDS < deadline)) && kill -0 "$pid" 2>/dev/null \
      || { echo "$kind: $health never answered 200; see $results_dir/apphost-$name.log" >&2; exit 1; }
    sleep 0.05
  done
  local healthy=$(($(now_ms) - start))
  touch "$stop_file"
  wait "$sampler" 2>/dev/null || true
  stop "$sampler"
  printf 'api healthy\t%s\t\n' "$healthy" >>"$results_dir/phases-$name.tsv"
  printf '%s\t%s\t%s\n' "$2" "$kind" "$healthy" >>"$results_dir/apphost.tsv"
  kill -TERM -- "-$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  started_groups=()
  wait_gone
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

wait_gone
for round in $(seq "$rounds"); do
  for kind in floor new floor existing; do
    echo "round $round: $kind…" >&2
    apphost_run "$kind" "$round"
  done
done
for i in $(seq "$runs"); do
  echo "standalone API run $i…" >&2
  api_run "$i"
done
machine | sed 's/^machine/after/' | tee -a "$results_dir/machine.txt" >&2

python3 - "$results_dir" <<'PY' | tee "$results_dir/table.txt"
import sys, statistics, pathlib
root = pathlib.Path(sys.argv[1])

# Rounds: floor, new, floor, existing; each Players run divided by the floor run just before it.
rows = [line.split("\t") for line in (root / "apphost.tsv").read_text().splitlines()]
times = {"floor": [], "new": [], "existing": []}
ratios = {"new": [], "existing": []}
floor = None
for _, kind, ms in rows:
    seconds = int(ms) / 1000
    times[kind].append(seconds)
    if kind == "floor":
        floor = seconds
    else:
        ratios[kind].append(seconds / floor)
def listed(values, digits=2):
    return ", ".join(f"{v:.{digits}f}" for v in values)
print(f"AppHost `dotnet run --no-build` (Debug build, no arguments) → first 200 from http://localhost:9000/health; {len(times['new'])} rounds of floor, new, floor, existing")
print(f"{'run':58} {'median s':>8}  runs")
for kind, label in (("floor", "Aspire's floor (bench/Floor: same shape, empty services)"),
                    ("new", "Players, new data directory (default one removed)"),
                    ("existing", "Players, existing data directory")):
    print(f"{label:58} {statistics.median(times[kind]):>8.2f}  {listed(times[kind])}")
for kind, goal in (("new", 1.40), ("existing", 1.25)):
    print(f"{'Players ' + kind + ' ÷ the floor run before it, median of rounds':58} {statistics.median(ratios[kind]):>8.2f}  {listed(ratios[kind])}  (goal ≤ {goal:.2f})")

api = [int(t) / 1000 for t in (root / "api.ms").read_text().split()]
print(f"\nstandalone API (Release) start → first 200 on GET /players/ (new SQLite file, migrating): median {statistics.median(api):.2f} s over {len(api)} runs ({listed(api)})")

# Where each kind of run goes: each phase between two moments seen from outside, median over the rounds (ms).
def moments(path):
    found = {}
    for line in path.read_text().splitlines():
        name, started, gone = (line.split("\t") + [""])[:3]
        # The first process of each name: dcp re-executes itself, and PostgreSQL forks its backends.
        if f"{name} starts" not in found:
            found[f"{name} starts"] = int(started)
            if gone:
                found[f"{name} exits"] = int(gone)
    return found
phases = [
    ("`dotnet run --no-build` evaluates the AppHost project, then starts it (.NET SDK)", "start", "apphost starts"),
    ("AppHost start-up until DCP is started (Aspire)", "apphost starts", "dcp starts"),
    ("DCP start until it starts the PostgreSQL script (Aspire)", "dcp starts", "postgres script starts"),
    ("initdb, new data directory (ours)", "initdb starts", "initdb exits"),
    ("server start until it accepts connections (PostgreSQL)", "postgres server starts", "postgres accepts connections starts"),
    ("accepting until the worker is launched: health-check interval and WaitFor (Aspire)", "postgres accepts connections starts", "worker's dotnet run starts"),
    ("DCP start until the worker is launched (Aspire; the floor has no database)", "dcp starts", "worker's dotnet run starts"),
    ("`dotnet run --no-build` of the worker until its process starts (Aspire's launch)", "worker's dotnet run starts", "worker starts"),
    ("the worker's run (ours)", "worker starts", "worker exits"),
    ("worker exit until the API is launched: WaitForCompletion (Aspire)", "worker exits", "api's dotnet run starts"),
    ("`dotnet run --no-build` of the API until its process starts (Aspire's launch)", "api's dotnet run starts", "api starts"),
    ("API start until its first healthy /health (ours)", "api starts", "api healthy starts"),
    ("total", "start", "api healthy starts"),
]
for kind in ("floor", "new", "existing"):
    runs = [moments(path) for path in sorted(root.glob(f"phases-*-{kind}-*.tsv"))]
    print(f"\n{kind + ': phase (owner)':90} {'median ms':>9}  rounds")
    for label, begin, end in phases:
        spans = [m[end] - (0 if begin == "start" else m[begin]) for m in runs if end in m and (begin == "start" or begin in m)]
        if spans:
            print(f"{label:90} {statistics.median(spans):>9.0f}  {', '.join(str(s) for s in spans)}")
PY
echo "raw results: $results_dir" >&2
