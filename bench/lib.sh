# Shared helpers for the benchmark scripts (sourced, not run).
# Everything here talks to loopback only and stops what it starts.

set -euo pipefail
bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_dir=$(dirname "$bench_dir")
results_dir="$bench_dir/results/$(date -u +%Y%m%dT%H%M%SZ)-$(basename "$0" .sh)"
mkdir -p "$results_dir"
started_pids=()
started_groups=()
pg_root=""

# tool → Debian package that provides it
declare -A package_of=([wrk]=wrk [hyperfine]=hyperfine [psql]=postgresql-client [curl]=curl [python3]=python3 [setsid]=util-linux [cmp]=diffutils)

require() {
  local missing=()
  for tool in "$@"; do
    command -v "$tool" >/dev/null || missing+=("${package_of[$tool]:-$tool}")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "missing: apt-get install ${missing[*]}" >&2
    exit 2
  fi
  command -v dotnet >/dev/null || { echo "the .NET SDK is missing (see global.json)" >&2; exit 2; }
}

# SIGTERM, not SIGINT: a background job inherits SIGINT ignored, and .NET then never exits after its graceful stop.
# Process groups first (an AppHost and what it started), then single processes, newest first, then their files.
cleanup() {
  local pid
  for pid in "${started_groups[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
  for ((i = ${#started_pids[@]} - 1; i >= 0; i--)); do kill -TERM "${started_pids[i]}" 2>/dev/null || true; done
  for pid in "${started_groups[@]}" "${started_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  [ -z "$pg_root" ] || rm -rf "$pg_root"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Stops one process this script started and forgets it.
stop() { # pid
  kill -TERM "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
  local kept=() pid
  for pid in "${started_pids[@]}"; do [ "$pid" = "$1" ] || kept+=("$pid"); done
  started_pids=("${kept[@]}")
}

# Release build, quiet unless it fails.
build() { # project...
  local project
  for project in "$@"; do
    dotnet build -c Release "$project" -nologo -v q >"$results_dir/build.log" 2>&1 \
      || { cat "$results_dir/build.log" >&2; exit 1; }
  done
}

# Release publish, as a deployment builds it (ReadyToRun), into a folder of the results.
publish() { # project output-folder
  dotnet publish -c Release "$1" -o "$2" -nologo -v q >"$results_dir/publish.log" 2>&1 \
    || { cat "$results_dir/publish.log" >&2; exit 1; }
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

wait_http() { # url [seconds] [pid that must stay alive]
  local deadline=$((SECONDS + ${2:-60}))
  until curl -fsS -o /dev/null "$1" 2>/dev/null; do
    ((SECONDS < deadline)) || { echo "timed out waiting for $1" >&2; return 1; }
    if [ -n "${3:-}" ] && ! kill -0 "$3" 2>/dev/null; then echo "process $3 exited before $1 answered" >&2; return 1; fi
    sleep 0.05
  done
}

machine() {
  echo "machine: $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)," \
    "$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo); load average $(cut -d' ' -f1-3 /proc/loadavg)"
}

# A throwaway PostgreSQL cluster from the installed binaries, as the postgres user when root.
start_postgres() {
  local bin; bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$bin" ] && [ -x "$bin/postgres" ] || { echo "PostgreSQL server binaries missing: apt-get install postgresql" >&2; exit 2; }
  pg_root=$(mktemp -d /tmp/players-bench-pg.XXXXXX)
  chmod 755 "$pg_root"
  pg_port=$(free_port)
  local as=()
  if [ "$(id -u)" -eq 0 ]; then chown postgres "$pg_root"; as=(setpriv --reuid=postgres --regid=postgres --init-groups); fi
  "${as[@]}" "$bin/initdb" -D "$pg_root/data" -U postgres -E UTF8 --locale=C.UTF-8 --auth=trust >"$pg_root/initdb.log" 2>&1 \
    || { cat "$pg_root/initdb.log" >&2; exit 1; }
  "${as[@]}" "$bin/postgres" -D "$pg_root/data" -p "$pg_port" -k "$pg_root" -c listen_addresses=127.0.0.1 \
    -c max_connections=300 >"$pg_root/log" 2>&1 &
  started_pids+=($!)
  local deadline=$((SECONDS + 30))
  until "$bin/pg_isready" -q -h 127.0.0.1 -p "$pg_port"; do
    ((SECONDS < deadline)) || { cat "$pg_root/log" >&2; exit 1; }
    sleep 0.1
  done
}

postgres_url() { echo "postgresql://postgres@127.0.0.1:$pg_port/$1"; }

# wrk → one TSV line: name, connections, requests/s, p50 ms, p99 ms, errors (socket errors plus non-2xx/3xx).
run_wrk() { # name connections url [lua-script [script-arg...]]
  local name=$1 connections=$2 url=$3 script=${4:-}
  local threads=$((connections < 2 ? 1 : 2)) out
  local command=(wrk -t"$threads" -c"$connections" -d"${BENCH_SECONDS:-10}"s --timeout 5s --latency)
  [ -z "$script" ] || command+=(-s "$script")
  command+=("$url")
  [ $# -le 4 ] || command+=(-- "${@:5}")
  wrk_runs=$((${wrk_runs:-0} + 1))
  out="$results_dir/wrk-$(printf %03d "$wrk_runs")-${name//[^A-Za-z0-9]/_}-c$connections.txt"
  "${command[@]}" >"$out"
  awk -v name="$name" -v c="$connections" '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /m$/) return v * 60000; if (v ~ /s$/) return v * 1000; return v }
    /^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) }
    /Requests\/sec/ { rps = $2 }
    /Non-2xx/ { errors += $NF }
    /Socket errors/ { gsub(/,/, ""); errors += $4 + $6 + $8 + $10 }
    END { printf "%s\t%d\t%.0f\t%.2f\t%.2f\t%d\n", name, c, rps, p50, p99, errors }' "$out"
}
