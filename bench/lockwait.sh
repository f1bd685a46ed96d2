#!/usr/bin/env bash
# What a blocked migration does to the API's traffic (issue 24): PostgreSQL, the worker migrates to head, the API runs
# as deployed (not migrating at start); a report opens a plain read transaction on players, and the worker runs
# `downgrade base`, whose DROP TABLE needs the table exclusively. The report ends BENCH_HOLD seconds (default 6) after
# the DROP TABLE is first seen waiting for it. Meanwhile curl asks, one request at a time each, GET /players/{id},
# GET /players/squadnumber/10 and /health; the table gives, for the requests in flight at any time from the moment the
# DROP TABLE is first seen waiting to the worker's exit, p50, p99 and the worst wait, and the statuses (the downgrade has reverted the
# seed by then, so lookups answer 404 and /health 503 "pending migrations": an answer is an answer; no answer, 000,
# or a 5xx on a lookup is not).
# Usage: bench/lockwait.sh                      (BENCH_HOLD=6 s, BENCH_LOCK_WAIT_MS=300)
#        BENCH_REPO=/path/to/other/worktree bench/lockwait.sh   (another build: e.g. main before lock waits)
source "$(dirname "$0")/lib.sh"
require curl psql python3

repo=${BENCH_REPO:-$repo_dir}
hold=${BENCH_HOLD:-6}
lock_wait_ms=${BENCH_LOCK_WAIT_MS:-300}
messi=acc433bf-d505-51fe-831e-45eb44c4d43c
echo "Building Release of $repo ($(git -C "$repo" rev-parse --short HEAD))…" >&2
build "$repo/Players.Api" "$repo/Players.MigrationService"
api_dll="$repo/Players.Api/bin/Release/net10.0/Players.Api.dll"
worker_dll="$repo/Players.MigrationService/bin/Release/net10.0/Players.MigrationService.dll"
machine | tee "$results_dir/machine.txt" >&2
echo "build: $(git -C "$repo" log -1 --format='%h %s' | cut -c1-100)" | tee -a "$results_dir/machine.txt" >&2

start_postgres
url=$(postgres_url players_bench)
DATABASE_URL=$url dotnet "$worker_dll" >"$results_dir/worker-upgrade.log" 2>&1 || { cat "$results_dir/worker-upgrade.log" >&2; exit 1; }
port=$(free_port)
DATABASE_URL=$url Players__MigrateOnStartup=false Players__Api__Writes=open dotnet "$api_dll" --urls "http://127.0.0.1:$port" >"$results_dir/api.log" 2>&1 &
api_pid=$!; started_pids+=("$api_pid")
base="http://127.0.0.1:$port"
wait_http "$base/health" 120 "$api_pid" || { cat "$results_dir/api.log" >&2; exit 1; }
paths=("/players/$messi" "/players/squadnumber/10" "/health")
# Warm: JIT and pools, outside the figures.
for ((i = 0; i < 200; i++)); do for path in "${paths[@]}"; do curl -s -o /dev/null "$base$path"; done; done

now_ms() { date +%s%3N; }
stop_file="$results_dir/stop"
# One request at a time per path: "path <tab> started ms <tab> status <tab> seconds taken" per answer.
sample() { # path
  local out="$results_dir/samples-${1//[^A-Za-z0-9]/_}.tsv" started line
  while [ ! -e "$stop_file" ]; do
    started=$(now_ms)
    line=$(curl -s -o /dev/null --max-time 60 -w '%{http_code}\t%{time_total}' "$base$1" || true)
    printf '%s\t%s\t%s\n' "$1" "$started" "$line" >>"$out"
    sleep 0.02
  done
}
samplers=()
for path in "${paths[@]}"; do sample "$path" & samplers+=($!); started_pids+=($!); done
sleep 2

# The report: a plain read transaction on players, held by a psql fed from a FIFO until the script ends it.
mkfifo "$results_dir/report.fifo"
PGAPPNAME=players-report psql -q -h 127.0.0.1 -p "$pg_port" -U postgres players_bench <"$results_dir/report.fifo" >"$results_dir/report.log" 2>&1 &
report_pid=$!; started_pids+=("$report_pid")
exec 3>"$results_dir/report.fifo"
echo "BEGIN; SELECT count(*) FROM players;" >&3
DATABASE_URL=$url Players__Migrations__LockWaitMilliseconds=$lock_wait_ms Players__Migrations__LockTimeoutSeconds=60 \
  dotnet "$worker_dll" downgrade base >"$results_dir/worker-downgrade.log" 2>&1 &
worker_pid=$!; started_pids+=("$worker_pid")
# The worker's start and the seed's reverts take seconds on a loaded machine: the report is held for $hold s from
# the moment the DROP TABLE is first seen waiting for it, whatever the worker does then (wait, or roll back and retry).
waiting="SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query ILIKE 'DROP TABLE%'"
until [ "$(psql -qtA -h 127.0.0.1 -p "$pg_port" -U postgres players_bench -c "$waiting")" != 0 ]; do
  kill -0 "$worker_pid" 2>/dev/null || { cat "$results_dir/worker-downgrade.log" >&2; echo "the worker ended before its DROP TABLE waited" >&2; exit 1; }
  sleep 0.05
done
migration_from=$(now_ms)
sleep "$hold"
echo "ROLLBACK;" >&3
exec 3>&-
report_ended=$(now_ms)
worker_rc=0
wait "$worker_pid" || worker_rc=$?
migration_until=$(now_ms)
sleep 1
touch "$stop_file"
wait "$report_pid" 2>/dev/null || true
for pid in "${samplers[@]}"; do wait "$pid" 2>/dev/null || true; done
retries=$(grep -c "rolled back, retry" "$results_dir/worker-downgrade.log" || true)
echo "downgrade base: exit $worker_rc; its DROP TABLE first waited, then the report ended ${hold} s later, and the worker exited $((migration_until - report_ended)) ms after that; $retries lock-wait retries (lock wait ${lock_wait_ms} ms)" \
  | tee "$results_dir/run.txt" >&2
machine | sed 's/^machine/after/' | tee -a "$results_dir/machine.txt" >&2

cat "$results_dir"/samples-*.tsv | python3 -c '
import sys
start, end = int(sys.argv[1]), int(sys.argv[2])
rows = {}
for line in sys.stdin:
    path, started, status, taken = line.rstrip("\n").split("\t")
    ms = float(taken) * 1000
    if int(started) <= end and int(started) + ms >= start:
        rows.setdefault(path, []).append((ms, status))
print("path\trequests\tp50 ms\tp99 ms\tworst ms\tstatuses")
for path, samples in sorted(rows.items()):
    waits = sorted(ms for ms, _ in samples)
    pick = lambda q: waits[min(len(waits) - 1, int(q * len(waits)))]
    statuses = {}
    for _, status in samples:
        statuses[status] = statuses.get(status, 0) + 1
    print(f"{path}\t{len(waits)}\t{pick(0.5):.0f}\t{pick(0.99):.0f}\t{waits[-1]:.0f}\t" + " ".join(f"{s}x{n}" for s, n in sorted(statuses.items())))
' "$migration_from" "$migration_until" | tee "$results_dir/table.txt"
echo "raw results: $results_dir" >&2
