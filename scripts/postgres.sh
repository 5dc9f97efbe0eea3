#!/usr/bin/env bash
# Runs a throw-away PostgreSQL (Debian's packaged server binaries, no cluster manager, no service) on loopback for tests.
#   postgres.sh start STATE_DIR  fresh cluster, start it, write STATE_DIR/{url,port,pgdir}
#   postgres.sh stop STATE_DIR   stop the server started with that state dir and delete its data (safe to repeat)
# Everything runs as the postgres user (initdb refuses root); the data lives in STATE_DIR/pg, or in a /tmp directory
# recorded in STATE_DIR/pgdir when the postgres user cannot reach STATE_DIR (e.g. under /root).
set -euo pipefail

FIRST_PORT=${POSTGRES_TEST_PORT:-54329}
PORT_TRIES=20

log() { printf '[postgres] %s\n' "$*" >&2; }
now() { printf '%s' "${EPOCHREALTIME/[,.]/}"; }   # microseconds, no subprocess
secs() { awk -v us="$1" 'BEGIN { printf "%.1f", us / 1e6 }'; }

need_root() {
  if [ "$(id -u)" -ne 0 ]; then log "needs root (apt-get, runuser)"; exit 3; fi
}

# From /: the postgres user may not be allowed into the caller's working directory (e.g. /root).
as_pg() { (cd / && runuser -u postgres -- "$@"); }

# The newest installed server; Debian ships only the version of its release, but the path carries the number.
find_pgbin() {
  local initdb
  initdb=$(ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -1 || true)
  [ -n "$initdb" ] && dirname "$initdb"
}

install_postgres() {
  if [ -n "$(find_pgbin)" ]; then return; fi
  log "installing Debian's postgresql"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  [ -n "$(find_pgbin)" ] || { log "postgresql installed but no /usr/lib/postgresql/*/bin/initdb"; exit 1; }
}

# Something already answering on the port; a port taken between this check and the server's bind is caught by the
# retry in start().
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start() {
  local state=$1 pgbin pgdir t0 t1 t2 port url
  need_root
  t0=$(now)
  install_postgres
  pgbin=$(find_pgbin)
  mkdir -p "$state"
  state=$(cd "$state" && pwd)
  # A run killed before its stop leaves a server and data behind: clear them, so every run starts empty.
  stop "$state"

  # The postgres user must traverse every directory above the data, and the server's Unix socket path
  # (DIR/.s.PGSQL.PORT) must fit in sun_path (107 bytes); otherwise the data goes to /tmp.
  pgdir="$state/pg"
  if ! as_pg test -x "$state" || [ $(( ${#pgdir} + 18 )) -gt 107 ]; then
    pgdir=$(mktemp -d /tmp/gw-postgres.XXXXXX)
  fi
  # Recorded before anything is created in it, so a stop after a crash at any later point finds it.
  echo "$pgdir" >"$state/pgdir"
  install -d -m 700 -o postgres -g postgres "$pgdir"

  # Trust on loopback: a test database holds nothing. -N (no fsync at initdb) and fsync=off below: a crash loses
  # nothing anyone wants. Encoding and locale explicit: CI's environment may be POSIX, which would mean SQL_ASCII.
  as_pg "$pgbin/initdb" -D "$pgdir/data" -U postgres --auth=trust -N --no-instructions -E UTF8 --locale=C.UTF-8 \
    >"$pgdir/initdb.log" 2>&1 || { tail -20 "$pgdir/initdb.log" >&2; log "initdb failed"; exit 1; }
  t1=$(now)

  port=$FIRST_PORT
  for _ in $(seq 1 $PORT_TRIES); do
    if port_busy "$port"; then port=$((port + 1)); continue; fi
    # max_connections: test files each open their own pools, in parallel.
    if as_pg "$pgbin/pg_ctl" -D "$pgdir/data" -l "$pgdir/log" -w -t 60 \
        -o "-p $port -k '$pgdir' -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" start >/dev/null; then
      t2=$(now)
      url="postgres://postgres@127.0.0.1:$port/postgres"
      echo "$port" >"$state/port"
      echo "$url" >"$state/url"
      log "PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}') up at $url in $(secs $((t2 - t0))) s" \
        "(initdb $(secs $((t1 - t0))) s, start $(secs $((t2 - t1))) s; data in $pgdir)"
      return
    fi
    # Lost a race for the port: try the next one. Any other failure is real.
    if grep -q 'Address already in use' "$pgdir/log" 2>/dev/null; then
      log "port $port taken, trying $((port + 1))"; : >"$pgdir/log"; port=$((port + 1)); continue
    fi
    tail -30 "$pgdir/log" >&2 || true; log "PostgreSQL did not start"; stop "$state"; exit 1
  done
  log "no free port in $FIRST_PORT..$((FIRST_PORT + PORT_TRIES - 1))"; stop "$state"; exit 1
}

stop() {
  local state=$1 pgdir pgbin pid t0
  [ -f "$state/pgdir" ] || return 0
  need_root
  t0=$(now)
  pgdir=$(cat "$state/pgdir")
  pgbin=$(find_pgbin || true)
  if [ -f "$pgdir/data/postmaster.pid" ]; then
    # pg_ctl finds the server by its postmaster.pid, never by name. Fast: roll back open sessions, don't wait for them.
    if [ -n "$pgbin" ] && as_pg "$pgbin/pg_ctl" -D "$pgdir/data" status >/dev/null 2>&1; then
      as_pg "$pgbin/pg_ctl" -D "$pgdir/data" -m fast -w -t 30 stop >/dev/null \
        || as_pg "$pgbin/pg_ctl" -D "$pgdir/data" -m immediate -w -t 10 stop >/dev/null || true
    fi
    # Still alive after both (or no binaries left): the PID file's first line is the postmaster, if that PID still
    # belongs to a server on this data directory and not to a process that reused the number.
    pid=$(head -1 "$pgdir/data/postmaster.pid" 2>/dev/null || true)
    if [ -n "$pid" ] && tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline" | grep -qF -- "-D $pgdir/data "; then
      kill -KILL "$pid" 2>/dev/null || true
      for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    fi
  fi
  rm -rf "$pgdir"
  rm -f "$state/pgdir" "$state/url" "$state/port"
  log "stopped and removed $pgdir in $(secs $(($(now) - t0))) s"
}

case "${1:-}" in
  start) start "${2:?state dir}" ;;
  stop) stop "${2:?state dir}" ;;
  *) echo "usage: $0 start STATE_DIR | stop STATE_DIR" >&2; exit 2 ;;
esac
