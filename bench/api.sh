#!/usr/bin/env bash
# API throughput against bare Kestrel serving the same bytes, on SQLite and PostgreSQL, at 1, 16 and 64 connections.
# Usage: bench/api.sh            (BENCH_SECONDS=10 per run by default; raw output under bench/results/)
source "$(dirname "$0")/lib.sh"
require wrk curl python3 dotnet

messi=acc433bf-d505-51fe-831e-45eb44c4d43c
connections=(1 16 64)
echo "Building Release…" >&2
dotnet build -c Release "$repo_dir/Players.Api" -v q -nologo >/dev/null
dotnet build -c Release "$bench_dir/Baseline" -v q -nologo >/dev/null
api_dll="$repo_dir/Players.Api/bin/Release/net10.0/Players.Api.dll"
baseline_dll="$bench_dir/Baseline/bin/Release/net10.0/Baseline.dll"

table="$results_dir/api.tsv"
rss="$results_dir/rss.tsv"

bench_api() { # engine database-url
  local engine=$1 port; port=$(free_port)
  DATABASE_URL=$2 dotnet "$api_dll" --urls "http://127.0.0.1:$port" >"$results_dir/api-$engine.log" 2>&1 &
  local pid=$!; started_pids+=($pid)
  wait_http "http://127.0.0.1:$port/health" 120
  curl -fsS "http://127.0.0.1:$port/players/" -o "$results_dir/players.json"
  local base="http://127.0.0.1:$port"
  for c in "${connections[@]}"; do
    run_wrk "$engine GET /players/" "$c" "$base/players/"
    run_wrk "$engine GET /players/squadnumber/10" "$c" "$base/players/squadnumber/10"
    run_wrk "$engine GET /players/{id}" "$c" "$base/players/$messi"
    run_wrk "$engine mixed" "$c" "$base/" "$bench_dir/mixed.lua"
  done >>"$table"
  printf '%s\t%s\n' "$engine" "$(awk '/VmHWM/ { print int($2 / 1024) }' "/proc/$pid/status")" >>"$rss"
  kill -INT "$pid"; wait "$pid" || true
}

echo "SQLite…" >&2
bench_api sqlite "sqlite:///$results_dir/players.db"
echo "PostgreSQL…" >&2
start_postgres
bench_api postgresql "$(postgres_url players_bench)"

echo "Baseline…" >&2
port=$(free_port)
BASELINE_BODY="$results_dir/players.json" dotnet "$baseline_dll" --urls "http://127.0.0.1:$port" >/dev/null 2>&1 &
started_pids+=($!)
wait_http "http://127.0.0.1:$port/" 60
for c in "${connections[@]}"; do run_wrk "baseline" "$c" "http://127.0.0.1:$port/players/"; done >>"$table"

python3 - "$table" "$rss" <<'PY'
import sys
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1])]
base = {int(r[1]): float(r[2]) for r in rows if r[0] == "baseline"}
print(f"{'profile':38} {'conns':>5} {'req/s':>9} {'p50 ms':>7} {'p99 ms':>7} {'errors':>6} {'vs bare Kestrel':>15}")
for name, c, rps, p50, p99, errors in rows:
    ratio = float(rps) / base[int(c)] if base.get(int(c)) else 0
    print(f"{name:38} {c:>5} {float(rps):>9.0f} {float(p50):>7.2f} {float(p99):>7.2f} {errors:>6} {ratio:>14.0%}")
print()
for engine, mb in (line.split() for line in open(sys.argv[2])):
    print(f"peak RSS of the API ({engine}, after all loads): {mb} MB")
PY
echo "raw results: $results_dir" >&2
