#!/usr/bin/env bash
# cdk synth, offline and without credentials: the CLI writes only inside the project.
set -euo pipefail
cd "$(dirname "$0")/.."
export CDK_HOME="$PWD/.cdk-home" TMPDIR="${TMPDIR:-$PWD/.tmp}"
mkdir -p "$CDK_HOME" "$TMPDIR"
exec npx cdk synth --quiet "$@"
