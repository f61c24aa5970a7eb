#!/usr/bin/env bash
# npm packages, exactly as locked. Install scripts are run one by one afterwards:
# mediasoup's own would download its worker from the internet, which strict
# firewalls refuse; scripts/mediasoup-worker/install-worker.sh handles the worker.
set -euo pipefail

stamp=node_modules/.installed-lock-hash
wanted="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ]; then
  exit 0
fi

echo "Installing npm packages" >&2
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
# better-sqlite3 builds from source when its prebuilt binary cannot be downloaded.
npm rebuild better-sqlite3 esbuild --loglevel=error
echo "$wanted" > "$stamp"
