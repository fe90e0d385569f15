#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (never a downloaded browser). Install it when it is
# missing and we can (root with apt-get); otherwise say exactly what to install.
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  # A few minutes of download: apt's own progress on stderr, its live bar on a terminal and plain
  # lines (one per package fetched and unpacked) in a log.
  echo "== installing Debian's chromium for the browser tests (about 100 MB, a few minutes)" >&2
  if [ -t 2 ]; then quiet=(); else quiet=(-q -o Dpkg::Use-Pty=0); fi
  echo "== apt-get update" >&2
  apt-get update "${quiet[@]}" >&2
  echo "== apt-get install chromium" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y "${quiet[@]}" chromium >&2
  echo "== chromium installed: $CHROMIUM" >&2
  exit 0
fi
echo "The browser tests need Chromium at $CHROMIUM. Install it with:" >&2
echo "  sudo apt-get update && sudo apt-get install -y chromium" >&2
echo "(or set CHROMIUM_PATH to a Chromium binary)." >&2
exit 1
