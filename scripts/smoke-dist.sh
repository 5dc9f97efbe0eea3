#!/usr/bin/env bash
# The production entry point as the container runs it (`node dist/main.js`): starts, answers /health, stops on SIGTERM.
set -euo pipefail
cd "$(dirname "$0")/.."
port=$((20000 + RANDOM % 20000))
SYNAPSE_URL=http://127.0.0.1:9 PORT=$port NODE_ENV=production LOG_LEVEL=warn node --enable-source-maps dist/main.js &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do
  if node -e "fetch('http://127.0.0.1:$port/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"; then
    kill -TERM $pid
    wait $pid
    trap - EXIT
    echo "dist/main.js: healthy on port $port, stopped cleanly"
    exit 0
  fi
  sleep 0.2
done
echo "dist/main.js did not become healthy" >&2
exit 1
