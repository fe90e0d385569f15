#!/usr/bin/env bash
# Runs node on Node.js 22 (the Lambda runtime's major): the machine's own when new enough, otherwise
# the one scripts/ensure-node.sh fetched from the npm registry into .tools/.
set -euo pipefail
BIN="$(bash "$(dirname "$0")/ensure-node.sh")"
exec "$BIN/node" "$@"
