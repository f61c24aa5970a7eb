#!/usr/bin/env bash
# One command on a fresh machine: install whatever is missing, then start the
# service (`start`, the default) or run every test (`test`). Work already done is skipped.
set -euo pipefail
cd "$(dirname "$0")/.."

mode="${1:-start}"
case "$mode" in
  start | test) ;;
  *) echo "usage: scripts/quickstart.sh [start|test]" >&2; exit 64 ;;
esac

bash scripts/setup/install-system-packages.sh "$mode"
bash scripts/setup/install-node-modules.sh
bash scripts/mediasoup-worker/install-worker.sh

exec npm "$mode"
