#!/usr/bin/env bash
# The test command (`npm test`): lint, type-check, every jest suite (unit, integration on the
# embedded stand-ins, CDK templates, end to end). The bundle suite (test/infra/bundles.test.ts) runs
# the offline `cdk synth` with the real bundles, so there is no second synth here.
set -euo pipefail
cd "$(dirname "$0")/.."
# The suite runs on the Lambda runtime's major version (Node.js 22), fetched when the machine's is older.
PATH="$(bash scripts/ensure-node.sh):$PATH"
export PATH
export TMPDIR="$PWD/.tmp"
mkdir -p "$TMPDIR"

bash scripts/ensure-chromium.sh

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

# The type-check needs one core for a quarter of a minute; jest's end-to-end suites spend much of
# their time waiting on child processes and sockets, so the two overlap instead of queueing.
typecheck_log="$TMPDIR/typecheck.log"
npx tsc --noEmit >"$typecheck_log" 2>&1 &
typecheck=$!

echo "== jest"
jest_status=0
npx jest --ci "$@" || jest_status=$?

echo "== type-check"
if ! wait "$typecheck"; then
  cat "$typecheck_log" >&2
  echo "type-check failed" >&2
  exit 1
fi
echo "no type errors"
exit "$jest_status"
