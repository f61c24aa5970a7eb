#!/usr/bin/env bash
# Debian packages the service and its tests need; installs only what is missing.
#   start: the toolchain to build the mediasoup worker from source (when no cached build exists)
#   test:  also Chromium and Firefox ESR for the browser tests, poppler-utils, redis-server and coturn
set -euo pipefail

mode="${1:-start}"
packages=(g++ make python3 pkg-config openssl libssl-dev libuv1-dev libsrtp2-dev libusrsctp-dev libabsl-dev
  libflatbuffers-dev flatbuffers-compiler liburing-dev)
if [ "$mode" = test ]; then
  packages+=(chromium firefox-esr fonts-noto-cjk poppler-utils redis-server coturn)
fi

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing Debian packages: ${missing[*]}" >&2
sudo=()
[ "$(id -u)" -eq 0 ] || sudo=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
