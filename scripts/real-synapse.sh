#!/usr/bin/env bash
# Builds (once per machine, cached) and runs a real Synapse from Debian sid in a debootstrap chroot, on loopback.
#   real-synapse.sh build            build or reuse the cached root filesystem
#   real-synapse.sh start STATE_DIR  fresh data dir, start Synapse, write STATE_DIR/{url,pid,shared_secret}
#   real-synapse.sh stop STATE_DIR   stop the Synapse started with that state dir (by PID, never by name)
set -euo pipefail

RECIPE_VERSION=1   # bump when the recipe below changes, so cached roots are rebuilt
CACHE_DIR=${SYNAPSE_CHROOT_CACHE:-/var/cache/synapse-admin-gateway}
ROOT="$CACHE_DIR/sid-root-v$RECIPE_VERSION"
PORT=${SYNAPSE_PORT:-8008}

log() { printf '[real-synapse] %s\n' "$*" >&2; }

need_root() {
  if [ "$(id -u)" -ne 0 ]; then log "needs root (debootstrap, chroot, mount)"; exit 3; fi
}

build() {
  need_root
  if [ -f "$ROOT/.ready" ]; then log "reusing $ROOT"; return; fi
  if ! command -v debootstrap >/dev/null; then
    log "installing debootstrap"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
  fi
  rm -rf "$ROOT" && mkdir -p "$CACHE_DIR"
  log "debootstrap sid into $ROOT"
  debootstrap --variant=minbase --include=ca-certificates sid "$ROOT" >"$CACHE_DIR/debootstrap.log" 2>&1 \
    || { tail -20 "$CACHE_DIR/debootstrap.log" >&2; exit 1; }
  log "installing matrix-synapse in the chroot"
  # sid's Release file is past Valid-Until inside the chroot; apt refuses it unless told.
  chroot "$ROOT" sh -c 'DEBIAN_FRONTEND=noninteractive apt-get -o Acquire::Check-Valid-Until=false update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends matrix-synapse' \
    >"$CACHE_DIR/apt.log" 2>&1 || { tail -20 "$CACHE_DIR/apt.log" >&2; exit 1; }
  touch "$ROOT/.ready"
  log "root ready"
}

start() {
  local state=$1
  need_root
  build
  mkdir -p "$state"
  # A fresh data directory per run: tests seed their own rooms and count on nothing else being there.
  rm -rf "$ROOT/data" && mkdir -p "$ROOT/data"
  chroot "$ROOT" python3 -m synapse.app.homeserver --server-name localhost --config-path /data/homeserver.yaml \
    --data-directory /data --generate-config --report-stats=no >/dev/null
  python3 - "$ROOT/data/homeserver.yaml" "$PORT" <<'PY'
import re, sys
path, port = sys.argv[1], sys.argv[2]
text = open(path).read()
# One loopback listener, no key servers (no internet), client limits high enough to seed hundreds of rooms.
text = re.sub(r"listeners:.*?(?=\n\S)", f"""listeners:
  - port: {port}
    tls: false
    type: http
    x_forwarded: false
    bind_addresses: ['127.0.0.1']
    resources:
      - names: [client, federation]
        compress: false""", text, flags=re.S)
text = re.sub(r"trusted_key_servers:.*?(?=\n\S|\Z)", "trusted_key_servers: []", text, flags=re.S)
limit = "{per_second: 10000, burst_count: 10000}"
text += "\n" + "\n".join(f"{k}: {limit}" for k in ["rc_message", "rc_room_creation", "rc_joins_per_room", "rc_invites_per_room", "rc_3pid_validation"])
text += f"""
rc_registration: {limit}
rc_login:
  address: {limit}
  account: {limit}
  failed_attempts: {limit}
rc_joins:
  local: {limit}
  remote: {limit}
rc_invites:
  per_room: {limit}
  per_user: {limit}
  per_issuer: {limit}
rc_admin_redaction: {limit}
rc_reports: {limit}
rc_media_create: {limit}
suppress_key_server_warning: true
# The user fixtures include guests; hundreds of test users need no strong password hashes.
allow_guest_access: true
bcrypt_rounds: 4
# The default publication rules deny every room: allow them, so the fixture can have a public room.
room_list_publication_rules: [{{action: allow}}]
"""
open(path, "w").write(text)
PY
  grep -E '^registration_shared_secret:' "$ROOT/data/homeserver.yaml" | sed -E 's/^[^:]+: *"?([^"]*)"?/\1/' >"$state/shared_secret"
  mountpoint -q "$ROOT/proc" || mount -t proc proc "$ROOT/proc"
  chroot "$ROOT" sh -c 'cd /data && exec python3 -m synapse.app.homeserver -c /data/homeserver.yaml' \
    >"$state/synapse.log" 2>&1 &
  echo $! >"$state/pid"
  local url="http://127.0.0.1:$PORT"
  for _ in $(seq 1 240); do
    if curl -fsS "$url/_matrix/client/versions" >/dev/null 2>&1; then
      echo "$url" >"$state/url"; log "Synapse up at $url (pid $(cat "$state/pid"))"; return
    fi
    if ! kill -0 "$(cat "$state/pid")" 2>/dev/null; then tail -30 "$state/synapse.log" >&2; log "Synapse exited"; exit 1; fi
    sleep 0.5
  done
  log "Synapse did not answer in 120 s"; tail -30 "$state/synapse.log" >&2; stop "$state"; exit 1
}

stop() {
  local state=$1 pid
  [ -f "$state/pid" ] || return 0
  pid=$(cat "$state/pid")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$state/pid"
  mountpoint -q "$ROOT/proc" && umount "$ROOT/proc" || true
}

case "${1:-}" in
  build) build ;;
  start) start "${2:?state dir}" ;;
  stop) stop "${2:?state dir}" ;;
  *) echo "usage: $0 build | start STATE_DIR | stop STATE_DIR" >&2; exit 2 ;;
esac
