#!/usr/bin/env bash
# The API against the platform's limits, on SQLite and PostgreSQL, at 1, 16 and 64 connections:
# - the cached GET /players/ against Baseline/ (bare Kestrel writing the same bytes from memory);
# - each single-player lookup against Ceiling/ (Kestrel and the raw ADO.NET driver, the same bytes) on the same database.
# Every API figure is taken right after its reference, three times in turn, so each ratio compares two figures measured
# moments apart under the same machine load; the table gives the median of the three ratios and their range.
# Usage: bench/api.sh   (BENCH_SECONDS=10 per wrk run, BENCH_RUNS=3, BENCH_WARMUP=5 s per endpoint,
#                        BENCH_ENGINES="sqlite postgresql", BENCH_CEILING_POOLS="8 16 32",
#                        BENCH_PROFILES="reads mixed", BENCH_CONNECTIONS="1 16 64")
source "$(dirname "$0")/lib.sh"
require wrk curl python3 cmp

messi=acc433bf-d505-51fe-831e-45eb44c4d43c
lookups=("squadnumber/10" "$messi")
connections=(${BENCH_CONNECTIONS:-1 16 64})
profiles=" ${BENCH_PROFILES:-reads mixed} "
runs=${BENCH_RUNS:-3}
engines=(${BENCH_ENGINES:-sqlite postgresql})
echo "Building Release…" >&2
build "$repo_dir/Players.Api" "$repo_dir/Players.MigrationService" "$bench_dir/Baseline" "$bench_dir/Ceiling"
api_dll="$repo_dir/Players.Api/bin/Release/net10.0/Players.Api.dll"
worker_dll="$repo_dir/Players.MigrationService/bin/Release/net10.0/Players.MigrationService.dll"
baseline_dll="$bench_dir/Baseline/bin/Release/net10.0/Baseline.dll"
ceiling_dll="$bench_dir/Ceiling/bin/Release/net10.0/Ceiling.dll"

table="$results_dir/api.tsv"
rss="$results_dir/rss.tsv"
machine | tee "$results_dir/machine.txt" >&2

# As deployed: the worker migrates, the API serves without migrating at start.
start_api() { # engine database-url → api_pid, api_base
  local port; port=$(free_port)
  DATABASE_URL=$2 dotnet "$worker_dll" >"$results_dir/worker-$1.log" 2>&1 || { cat "$results_dir/worker-$1.log" >&2; exit 1; }
  DATABASE_URL=$2 Players__MigrateOnStartup=false Players__Api__Writes=open \
    dotnet "$api_dll" --urls "http://127.0.0.1:$port" >"$results_dir/api-$1.log" 2>&1 &
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

start_ceiling() { # engine connection-variable connection-string → ceiling_pid, ceiling_base
  local port; port=$(free_port)
  env "$2=$3" dotnet "$ceiling_dll" --urls "http://127.0.0.1:$port" >"$results_dir/ceiling-$1.log" 2>&1 &
  ceiling_pid=$!; started_pids+=("$ceiling_pid")
  ceiling_base="http://127.0.0.1:$port"
  wait_http "$ceiling_base/players/squadnumber/10" 60 "$ceiling_pid"
}

# The ceiling answers with the API's exact bytes, or its figures mean nothing.
check_ceiling_bytes() { # engine
  local lookup
  for lookup in "${lookups[@]}" squadnumber/1 squadnumber/23; do
    curl -fsS "$api_base/players/$lookup" -o "$results_dir/api-lookup.json"
    curl -fsS "$ceiling_base/players/$lookup" -o "$results_dir/ceiling-lookup.json"
    cmp -s "$results_dir/api-lookup.json" "$results_dir/ceiling-lookup.json" \
      || { echo "$1: the ceiling's /players/$lookup differs from the API's" >&2; exit 1; }
  done
}

warm() { # url...
  local url
  for url in "$@"; do wrk -t2 -c64 -d"${BENCH_WARMUP:-5}"s "$url" >/dev/null; done
}

# PostgreSQL's ceiling at its best: Npgsql's pool at each size of BENCH_CEILING_POOLS, kept at the fastest at 64 connections.
best_ceiling_pool() { # postgres-connection-string → best_pool
  local pool best_rps=0 rps
  best_pool=16
  for pool in ${BENCH_CEILING_POOLS:-8 16 32}; do
    start_ceiling postgresql CEILING_POSTGRES "$1;Maximum Pool Size=$pool"
    warm "$ceiling_base/players/squadnumber/10"
    rps=$(run_wrk "ceiling pool $pool" 64 "$ceiling_base/players/squadnumber/10" | tee -a "$results_dir/ceiling-pools.tsv" | cut -f3)
    stop "$ceiling_pid"
    if [ "$rps" -gt "$best_rps" ]; then best_rps=$rps; best_pool=$pool; fi
  done
  echo "PostgreSQL ceiling: best pool size $best_pool ($(tr '\n' ';' <"$results_dir/ceiling-pools.tsv"))" >&2
}

bench_engine() { # engine database-url ceiling-variable ceiling-connection-string
  local engine=$1 connections_reads=("${connections[@]}") connections_mixed=("${connections[@]}")
  echo "$engine…" >&2
  start_api "$engine" "$2"
  curl -fsS "$api_base/players/" -o "$results_dir/players-$engine.json"
  if [ -z "${baseline_url:-}" ]; then
    start_baseline "$results_dir/players-$engine.json"
  elif ! cmp -s "$results_dir/players-$engine.json" "$results_dir/players-${engines[0]}.json"; then
    echo "warning: $engine's GET /players/ differs from ${engines[0]}'s, which the baseline serves" >&2
  fi
  start_ceiling "$engine" "$3" "$4"
  check_ceiling_bytes "$engine"
  # Steady state, as a served API would be: JIT tiering and thread-pool growth happen here, not in the figures.
  local c run lookup
  [[ $profiles == *" reads "* ]] || connections_reads=()
  [[ $profiles != *" reads "* ]] || warm "$baseline_url" "$api_base/players/" "${lookups[@]/#/$ceiling_base/players/}" "${lookups[@]/#/$api_base/players/}"
  for c in "${connections_reads[@]}"; do
    for ((run = 1; run <= runs; run++)); do
      run_wrk "$engine baseline" "$c" "$baseline_url"
      run_wrk "$engine GET /players/" "$c" "$api_base/players/"
      for lookup in "${lookups[@]}"; do
        local name="GET /players/${lookup/$messi/\{id\}}"
        run_wrk "$engine ceiling $name" "$c" "$ceiling_base/players/$lookup"
        run_wrk "$engine $name" "$c" "$api_base/players/$lookup"
      done
    done
  done >>"$table"
  # Writes last: they grow the list, which the reads above must find identical to the baseline's bytes. The write
  # paths get their own warm-up, on a squad-number range of their own.
  [[ $profiles == *" mixed "* ]] || connections_mixed=()
  [[ $profiles != *" mixed "* ]] || { wrk -t2 -c64 -d"${BENCH_WARMUP:-5}"s -s "$bench_dir/mixed.lua" "$api_base/" -- 99 >/dev/null; delete_left_over "$engine"; }
  local range=0
  for c in "${connections_mixed[@]}"; do
    for ((run = 1; run <= runs; run++)); do
      range=$((range + 1))
      BENCH_MIXED_LEFT="$results_dir/mixed-left.txt" run_wrk "$engine mixed" "$c" "$api_base/" "$bench_dir/mixed.lua" "$range"
      delete_left_over "$engine"
    done
  done >>"$table"
  printf '%s\t%s\t%s\n' "$engine" "$(peak_rss_mib "$api_pid")" "$(peak_rss_mib "$ceiling_pid")" >>"$rss"
  stop "$ceiling_pid"
  stop "$api_pid"
}

# What a mixed run created and did not delete, deleted through the API, then every player in the bench's squad-number
# range (≥ 1,000,000) still listed: creates the server finished after wrk stopped waiting, a run cut short, the
# warm-up's. Every run then meets the same table: the list must be back to the bytes it was before the mixed runs,
# or the figures measured a growing table.
delete_left_over() { # engine
  local squads try deleted=0
  for try in $(seq 30); do
    squads=$( (cat "$results_dir/mixed-left.txt" 2>/dev/null || true
      curl -fsS "$api_base/players/" | python3 -c 'import json, sys
print("\n".join(str(p["squadNumber"]) for p in json.load(sys.stdin) if p["squadNumber"] >= 1000000))') | sort -u)
    rm -f "$results_dir/mixed-left.txt"
    # Without -f: a squad number the run deleted after all answers 404, which is fine here.
    [ -z "$squads" ] || sed "s|^|$api_base/players/squadnumber/|" <<<"$squads" | xargs -r -P 4 -n 1 curl -sS -o /dev/null -X DELETE >/dev/null
    deleted=$((deleted + $(wc -w <<<"$squads")))
    curl -fsS "$api_base/players/" -o "$results_dir/players-after-mixed.json"
    if cmp -s "$results_dir/players-after-mixed.json" "$results_dir/players-$1.json"; then
      echo "$1: $deleted bench players left after a mixed run, deleted" >>"$results_dir/mixed-cleanup.txt"
      return
    fi
    sleep 0.2
  done
  echo "$1: GET /players/ after the mixed run's cleanup differs from before it: the table did not stay steady" >&2
  exit 1
}

peak_rss_mib() { awk '/VmHWM/ { print int($2 / 1024) }' "/proc/$1/status"; }

for engine in "${engines[@]}"; do
  case $engine in
    sqlite)
      bench_engine sqlite "sqlite:///$results_dir/players.db" CEILING_SQLITE "Data Source=$results_dir/players.db" ;;
    postgresql)
      start_postgres
      ceiling_postgres="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=players_bench"
      DATABASE_URL=$(postgres_url players_bench) dotnet "$worker_dll" >"$results_dir/worker-postgresql.log" 2>&1
      best_ceiling_pool "$ceiling_postgres"
      bench_engine postgresql "$(postgres_url players_bench)" CEILING_POSTGRES "$ceiling_postgres;Maximum Pool Size=$best_pool" ;;
    *) echo "unknown engine $engine" >&2; exit 2 ;;
  esac
done
machine | sed 's/^machine/after/' | tee -a "$results_dir/machine.txt" >&2

{ python3 "$bench_dir/api_table.py" "$table" "$rss"; cat "$results_dir/mixed-cleanup.txt" 2>/dev/null || true; } | tee "$results_dir/table.txt"
echo "raw results: $results_dir" >&2
