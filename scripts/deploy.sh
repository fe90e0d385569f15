#!/usr/bin/env bash
# cdk deploy with the configuration (config/daybreak.json, or -c config=FILE); needs AWS credentials.
set -euo pipefail
cd "$(dirname "$0")/.."
export CDK_HOME="$PWD/.cdk-home"
mkdir -p "$CDK_HOME"
exec npx cdk deploy "$@"
