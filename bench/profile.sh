#!/usr/bin/env bash
# Where the API's CPU goes per request: perf (cpu-clock, .NET frames through the runtime's perf map) on the Release
# API serving one URL on PostgreSQL, after a warm-up, split by component (profile_split.py), with the process's CPU
# time per request from /proc. Needs `perf` (Debian: linux-perf) and root or perf_event_paranoid ≤ 1.
# Usage: bench/profile.sh [path]   (default players/squadnumber/10; BENCH_CONNECTIONS=16, BENCH_SECONDS=10,
#                                   BENCH_WARMUP=15, BENCH_API_DLL=another build's Players.Api.dll to compare)
source "$(dirname "$0")/lib.sh"
require wrk curl python3
command -v perf >/dev/null || { echo "missing: perf (apt-get install linux-perf)" >&2; exit 2; }

path=${1:-players/squadnumber/10}
connections=${BENCH_CONNECTIONS:-16}
echo "Building Release…" >&2
build "$repo_dir/Players.Api" "$repo_dir/Players.MigrationService"
api_dll=${BENCH_API_DLL:-$repo_dir/Players.Api/bin/Release/net10.0/Players.Api.dll}
machine | tee "$results_dir/machine.txt" >&2

start_postgres
url=$(postgres_url players_profile)
DATABASE_URL=$url dotnet "$repo_dir/Players.MigrationService/bin/Release/net10.0/Players.MigrationService.dll" \
  >"$results_dir/worker.log" 2>&1 || { cat "$results_dir/worker.log" >&2; exit 1; }
port=$(free_port)
# The perf map names JIT-compiled frames; without W^X the code is not double-mapped, so perf can attribute it.
DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 DATABASE_URL=$url Players__MigrateOnStartup=false \
  Players__Api__Writes=open dotnet "$api_dll" --urls "http://127.0.0.1:$port" >"$results_dir/api.log" 2>&1 &
api_pid=$!; started_pids+=("$api_pid")
wait_http "http://127.0.0.1:$port/health" 120 "$api_pid" || { cat "$results_dir/api.log" >&2; exit 1; }
wrk -t2 -c"$connections" -d"${BENCH_WARMUP:-15}"s "http://127.0.0.1:$port/$path" >/dev/null

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$api_pid/stat"; }
seconds=${BENCH_SECONDS:-10}
before=$(cpu_ticks)
wrk -t2 -c"$connections" -d"${seconds}"s "http://127.0.0.1:$port/$path" >"$results_dir/wrk.txt" &
wrk_pid=$!
perf record -e cpu-clock -F 999 -g -p "$api_pid" -o "$results_dir/perf.data" -- sleep "$((seconds - 1))" 2>"$results_dir/perf.log"
wait "$wrk_pid"
after=$(cpu_ticks)
requests=$(awk '/requests in/ { print $1 }' "$results_dir/wrk.txt")
cpu_us=$(python3 -c "import os; print((${after} - ${before}) / os.sysconf('SC_CLK_TCK') * 1e6 / ${requests})")
echo "$path at $connections connections: $(awk '/Requests\/sec/ { print $2 }' "$results_dir/wrk.txt") req/s" | tee "$results_dir/table.txt"
perf script -i "$results_dir/perf.data" 2>/dev/null | python3 "$bench_dir/profile_split.py" "$cpu_us" | tee -a "$results_dir/table.txt"
echo "raw results: $results_dir" >&2
