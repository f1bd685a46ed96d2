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
# A new data directory is a copy of a pristine cluster kept in the user's cache folder (made by the first initdb
# there, one per major version and these initdb options): copying is a fraction of initdb's time (bench/README.md).
template=""
if [ -n "${HOME:-}" ] && [ -d "$HOME" ]; then
  template="${XDG_CACHE_HOME:-$HOME/.cache}/players/postgres-template-$(basename "$(dirname "$PG_BINDIR")")-c-utf8-trust"
fi
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  if [ -n "$template" ] && [ -s "$template/PG_VERSION" ]; then
    echo "Creating a PostgreSQL cluster in $PGDATA (a copy of $template)"
    cp -a "$template/." "$PGDATA/"
  else
    echo "Creating a PostgreSQL cluster in $PGDATA"
    as_server_user "$PG_BINDIR/initdb" -D "$PGDATA" -U postgres -E UTF8 --locale=C.UTF-8 --auth=trust --no-sync >/dev/null
    # Kept before the server first starts, so the copy is the cluster exactly as initdb left it (cleanly shut down).
    # Written aside and renamed, so that a run stopped halfway never leaves a half-copied template.
    if [ -n "$template" ] && mkdir -p "$(dirname "$template")" 2>/dev/null; then
      partial="$template.partial.$$"
      if cp -a "$PGDATA" "$partial" 2>/dev/null && mv -T "$partial" "$template" 2>/dev/null; then :; else rm -rf "$partial"; fi
    fi
  fi
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
