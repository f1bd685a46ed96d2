#!/usr/bin/env bash
# API throughput against bare Kestrel serving the same bytes, on SQLite and PostgreSQL, at 1, 16 and 64 connections.
# The baseline runs beside the API and is measured just before it at each connection count, so every ratio compares
# two figures taken moments apart under the same machine load.
# Usage: bench/api.sh   (BENCH_SECONDS=10 per wrk run, BENCH_WARMUP=3 s per endpoint, BENCH_ENGINES="sqlite postgresql")
source "$(dirname "$0")/lib.sh"
require wrk curl python3

messi=acc433bf-d505-51fe-831e-45eb44c4d43c
connections=(1 16 64)
engines=(${BENCH_ENGINES:-sqlite postgresql})
echo "Building Release…" >&2
build "$repo_dir/Players.Api" "$bench_dir/Baseline"
api_dll="$repo_dir/Players.Api/bin/Release/net10.0/Players.Api.dll"
baseline_dll="$bench_dir/Baseline/bin/Release/net10.0/Baseline.dll"

table="$results_dir/api.tsv"
rss="$results_dir/rss.tsv"
machine | tee "$results_dir/machine.txt" >&2

start_api() { # engine database-url → api_pid, api_base
  local port; port=$(free_port)
  DATABASE_URL=$2 Players__Api__Writes=open dotnet "$api_dll" --urls "http://127.0.0.1:$port" >"$results_dir/api-$1.log" 2>&1 &
  api_pid=$!; started_pids+=("$api_pid")
  api_base="http://127.0.0.1:$port"
  wait_http "$api_base/health" 120 "$api_pid" || { cat "$results_dir/api-$1.log" >&2; exit 1; }
}

start_baseline() { # body-file → baseline_url
  local port; port=$(free_port)
  BASELINE_BODY=$1 dotnet "$baseline_dll" --urls "http://127.0.0.1:$port" >"$results_dir/baseline.log" 2>&1 &
  started_pids+=($!)
  baseline_url="http://127.0.0.1:$port/players/"
  wait_http "$baseline_url" 60 $!
}

bench_engine() { # engine database-url
  local engine=$1
  echo "$engine…" >&2
  start_api "$engine" "$2"
  curl -fsS "$api_base/players/" -o "$results_dir/players-$engine.json"
  if [ -z "${baseline_url:-}" ]; then
    start_baseline "$results_dir/players-$engine.json"
  elif ! cmp -s "$results_dir/players-$engine.json" "$results_dir/players-${engines[0]}.json"; then
    echo "warning: $engine's GET /players/ differs from ${engines[0]}'s, which the baseline serves" >&2
  fi
  # Steady state, as a served API would be: JIT tiering and thread-pool growth happen here, not in the figures.
  local url
  for url in "$baseline_url" "$api_base/players/" "$api_base/players/squadnumber/10" "$api_base/players/$messi"; do
    wrk -t2 -c64 -d"${BENCH_WARMUP:-3}"s "$url" >/dev/null
  done
  for c in "${connections[@]}"; do
    run_wrk "$engine baseline" "$c" "$baseline_url"
    run_wrk "$engine GET /players/" "$c" "$api_base/players/"
    run_wrk "$engine GET /players/squadnumber/10" "$c" "$api_base/players/squadnumber/10"
    run_wrk "$engine GET /players/{id}" "$c" "$api_base/players/$messi"
  done >>"$table"
  # Writes last: they grow the list, which the reads above must find identical to the baseline's bytes.
  for c in "${connections[@]}"; do
    run_wrk "$engine mixed" "$c" "$api_base/" "$bench_dir/mixed.lua" "$c"
  done >>"$table"
  printf '%s\t%s\n' "$engine" "$(awk '/VmHWM/ { print int($2 / 1024) }' "/proc/$api_pid/status")" >>"$rss"
  stop "$api_pid"
}

for engine in "${engines[@]}"; do
  case $engine in
    sqlite) bench_engine sqlite "sqlite:///$results_dir/players.db" ;;
    postgresql) start_postgres; bench_engine postgresql "$(postgres_url players_bench)" ;;
    *) echo "unknown engine $engine" >&2; exit 2 ;;
  esac
done
machine | sed 's/^machine/after/' | tee -a "$results_dir/machine.txt" >&2

python3 "$bench_dir/api_table.py" "$table" "$rss" | tee "$results_dir/table.txt"
echo "raw results: $results_dir" >&2
