#!/usr/bin/env bash
# The test command (`npm test`): type-check, every jest suite (unit, integration on the embedded
# stand-ins, CDK template, end to end), then an offline `cdk synth` with the real bundles.
set -euo pipefail
cd "$(dirname "$0")/.."
# The suite runs on the Lambda runtime's major version (Node.js 22), fetched when the machine's is older.
PATH="$(bash scripts/ensure-node.sh):$PATH"
export PATH
export TMPDIR="$PWD/.tmp"
mkdir -p "$TMPDIR"

bash scripts/ensure-chromium.sh

echo "== type-check"
npx tsc --noEmit

echo "== lint (biome; no merge conflict left in any tracked file)"
npx biome check .
if git rev-parse --git-dir >/dev/null 2>&1 && git grep -nE '^(<<<<<<<|>>>>>>>) ' -- . >&2; then
  echo "merge conflict markers above" >&2
  exit 1
fi

# The end-to-end tests run the CLI as a user does: from the build, which starts in a fraction of
# the time tsx needs to compile the sources for each of their processes.
echo "== build the CLI"
node scripts/build-cli.js

echo "== jest"
npx jest --ci "$@"

echo "== cdk synth (offline, no credentials)"
bash scripts/synth.sh
