#!/usr/bin/env bash
# Daybreak runs on Node.js 22, the Lambda runtime's major version. Where the machine's node is older,
# this fetches Node 22 from the npm registry (the node-linux-<arch> package, nothing from elsewhere)
# into .tools/ and prints the folder to put first on PATH. Source-free: callers do
#   PATH="$(bash scripts/ensure-node.sh)${PATH:+:$PATH}"
set -euo pipefail
cd "$(dirname "$0")/.."
NODE_MAJOR=22
NODE_VERSION="${DAYBREAK_NODE_VERSION:-22.23.5}"
TOOLS="$PWD/.tools/node-$NODE_VERSION"
BIN="$TOOLS/node_modules/node-linux-$(uname -m | sed -e 's/x86_64/x64/' -e 's/aarch64/arm64/')/bin"

current_major() { "${1:-node}" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ -x "$BIN/node" ]; then echo "$BIN"; exit 0; fi
if [ "$(current_major)" -ge "$NODE_MAJOR" ]; then dirname "$(command -v node)"; exit 0; fi
if [ "$(uname -s)" != "Linux" ]; then
  echo "daybreak: Node.js $NODE_MAJOR or newer is needed (this is $(node --version 2>/dev/null || echo 'no node')); install it from https://nodejs.org" >&2
  exit 1
fi
echo "== Node.js $(node --version) is older than $NODE_MAJOR: fetching Node.js $NODE_VERSION from the npm registry into .tools/" >&2
mkdir -p "$TOOLS"
npm install --prefix "$TOOLS" --no-save --no-audit --no-fund --no-package-lock --loglevel=error \
  "node-linux-$(uname -m | sed -e 's/x86_64/x64/' -e 's/aarch64/arm64/')@$NODE_VERSION" >&2
if [ "$(current_major "$BIN/node")" -lt "$NODE_MAJOR" ]; then
  echo "daybreak: could not install Node.js $NODE_VERSION into $TOOLS" >&2
  exit 1
fi
echo "$BIN"
