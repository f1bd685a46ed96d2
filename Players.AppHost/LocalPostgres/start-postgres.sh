#!/usr/bin/env bash
# Runs PostgreSQL from the installed binaries for the AppHost: PG_BINDIR, PGDATA and PGPORT come from the resource.
# Creates the cluster on first use; as root runs the server as the postgres user (it refuses to run as root).
set -euo pipefail

: "${PG_BINDIR:?}" "${PGDATA:?}" "${PGPORT:?}"

as_server_user() {
  if [ "$(id -u)" -eq 0 ]; then
    setpriv --reuid=postgres --regid=postgres --init-groups "$@"
  else
    "$@"
  fi
}

mkdir -p "$PGDATA"
if [ "$(id -u)" -eq 0 ]; then
  chown postgres:postgres "$PGDATA"
fi
chmod 700 "$PGDATA"

# --no-sync: initdb would otherwise flush each of the new cluster's files to disk one by one, most of its time here
# (bench/README.md); the kernel writes them within seconds, and everything the server writes later is synced as usual.
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  echo "Creating a PostgreSQL cluster in $PGDATA"
  as_server_user "$PG_BINDIR/initdb" -D "$PGDATA" -U postgres -E UTF8 --locale=C.UTF-8 --auth=trust --no-sync >/dev/null
fi

# The socket goes into the data directory: /var/run/postgresql may not exist or belong to another server.
# A simple command, not a function, so that $! is the server itself (setpriv execs it) rather than a subshell.
server_command=("$PG_BINDIR/postgres" -D "$PGDATA" -p "$PGPORT" -k "$PGDATA" -c listen_addresses=127.0.0.1)
if [ "$(id -u)" -eq 0 ]; then
  setpriv --reuid=postgres --regid=postgres --init-groups "${server_command[@]}" &
else
  "${server_command[@]}" &
fi
server=$!

# DCP stops executables with SIGTERM, which PostgreSQL takes as a slow "smart" shutdown that waits for every
# client: forward it as SIGINT, the "fast" shutdown that still ends cleanly.
trap 'kill -INT "$server" 2>/dev/null || true' TERM INT

status=0
while kill -0 "$server" 2>/dev/null; do
  wait "$server" && status=0 || status=$?
done
exit "$status"
