# Shared helpers for the benchmark scripts (sourced, not run).
# Everything here talks to loopback only and stops what it starts.

set -euo pipefail
bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_dir=$(dirname "$bench_dir")
results_dir="$bench_dir/results/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$results_dir"
started_pids=()

require() {
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "$tool is missing: apt-get install $tool" >&2; exit 2; }
  done
}

cleanup() {
  for pid in "${started_pids[@]}"; do kill -INT "$pid" 2>/dev/null || true; done
  for pid in "${started_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  [ -z "${pg_root:-}" ] || rm -rf "$pg_root"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

wait_http() { # url [seconds]
  local deadline=$((SECONDS + ${2:-60}))
  until curl -fsS -o /dev/null "$1" 2>/dev/null; do
    ((SECONDS < deadline)) || { echo "timed out waiting for $1" >&2; return 1; }
    sleep 0.05
  done
}

# A throwaway PostgreSQL cluster from the installed binaries, as the postgres user when root.
start_postgres() {
  local bin; bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  [ -x "$bin/postgres" ] || { echo "PostgreSQL server binaries missing: apt-get install postgresql" >&2; exit 2; }
  pg_root=$(mktemp -d /tmp/players-bench-pg.XXXXXX)
  pg_port=$(free_port)
  local as=()
  if [ "$(id -u)" -eq 0 ]; then chown postgres "$pg_root"; as=(setpriv --reuid=postgres --regid=postgres --init-groups); fi
  "${as[@]}" "$bin/initdb" -D "$pg_root/data" -U postgres -E UTF8 --locale=C.UTF-8 --auth=trust >/dev/null
  "${as[@]}" "$bin/postgres" -D "$pg_root/data" -p "$pg_port" -k "$pg_root" -c listen_addresses=127.0.0.1 \
    -c max_connections=300 >"$pg_root/log" 2>&1 &
  started_pids+=($!)
  until "$bin/pg_isready" -q -h 127.0.0.1 -p "$pg_port"; do sleep 0.1; done
}

postgres_url() { echo "postgresql://postgres@127.0.0.1:$pg_port/$1"; }

# wrk → one line: requests/s, p50 ms, p99 ms, errors (socket errors plus non-2xx/3xx).
run_wrk() { # name connections url [lua-script]
  local name=$1 connections=$2 url=$3 script=${4:-}
  local threads=$((connections < 2 ? 1 : 2)) out="$results_dir/wrk-$name-c$connections.txt"
  wrk -t"$threads" -c"$connections" -d"${BENCH_SECONDS:-10}"s --latency ${script:+-s "$script"} "$url" >"$out"
  awk -v name="$name" -v c="$connections" '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) }
    /Requests\/sec/ { rps = $2 }
    /Non-2xx/ { errors += $NF }
    /Socket errors/ { gsub(/,/, ""); errors += $4 + $6 + $8 + $10 }
    END { printf "%s\t%d\t%.0f\t%.2f\t%.2f\t%d\n", name, c, rps, p50, p99, errors }' "$out"
}
