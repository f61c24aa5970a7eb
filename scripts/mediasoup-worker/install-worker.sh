#!/usr/bin/env bash
# Installs node_modules/mediasoup/worker/out/Release/mediasoup-worker.
#
#   scripts/mediasoup-worker/install-worker.sh [--check] [--rebuild]
#
# In order, it uses the first of:
#   1. the binary already installed (when this script installed it);
#   2. the cache, ${MEDIASOUP_WORKER_CACHE:-~/.cache/mediasoup-worker}/
#      <mediasoup version>-<platform>-<arch>[-<distro><major>];
#   3. mediasoup's prebuilt binary download (needs GitHub; fails fast here);
#   4. a build from source against the system's libraries (see README.md).
# and then copies a new binary into the cache.
#
#   --check    also run sanity-check.mjs when the installed binary is kept
#   --rebuild  ignore the installed binary and the cache; download or build
#
# Environment:
#   MEDIASOUP_WORKER_CACHE                  cache root (default ~/.cache/mediasoup-worker)
#   MEDIASOUP_SKIP_WORKER_PREBUILT_DOWNLOAD set: skip step 3
#   MEDIASOUP_WORKER_DOWNLOAD_TIMEOUT       seconds for step 3 (default 60)
#   MEDIASOUP_WORKER_NO_APT                 set: never apt-get install missing packages
#   MESON_VERSION / NINJA_VERSION           pip versions used by the build
set -euo pipefail

log() { printf '[mediasoup-worker] %s\n' "$*" >&2; }
die() {
	log "ERROR: $*"
	exit 1
}

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
cd "$ROOT"

CHECK_ALWAYS=0
REBUILD=0
for arg in "$@"; do
	case "$arg" in
	--check) CHECK_ALWAYS=1 ;;
	--rebuild) REBUILD=1 ;;
	-h | --help)
		sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'
		exit 0
		;;
	*) die "unknown argument: $arg (see --help)" ;;
	esac
done

PKG="$ROOT/node_modules/mediasoup"
[[ -f "$PKG/package.json" ]] || die "node_modules/mediasoup is missing: install the npm dependencies first"
command -v node >/dev/null || die "node is not on PATH"

VERSION="$(node -p 'require(process.argv[1]).version' "$PKG/package.json")"
PLATFORM="$(node -p process.platform)"
ARCH="$(node -p process.arch)"
# A source build links the distribution's shared libraries (libssl.so.3,
# libsrtp2.so.1, libabsl_*.so.20220623, ...), so the binary is only good for
# the same distribution release: make it part of the cache key.
DISTRO=""
if [[ -r /etc/os-release ]]; then
	DISTRO="$(. /etc/os-release && printf '%s%s' "${ID:-}" "${VERSION_ID%%.*}")"
fi
KEY="$VERSION-$PLATFORM-$ARCH${DISTRO:+-$DISTRO}"

CACHE_ROOT="${MEDIASOUP_WORKER_CACHE:-$HOME/.cache/mediasoup-worker}"
CACHE_DIR="$CACHE_ROOT/$KEY"
RELEASE_DIR="$PKG/worker/out/Release"
BIN="$RELEASE_DIR/mediasoup-worker"
# Written next to the binary (in node_modules and in the cache): "prebuilt", or
# "source-<hash of the shims and the patch>", so that a binary built with an
# older recipe (or by someone else, e.g. an unpatched `npm rebuild`) is not
# trusted.
STAMP_NAME="mediasoup-worker.recipe"
RECIPE="source-$(cd "$HERE" && find shims dtls-bio-callback.patch -type f -print0 | LC_ALL=C sort -z |
	xargs -0 sha256sum | sha256sum | cut -c1-12)"

if [[ -n "${MEDIASOUP_WORKER_BIN:-}" ]]; then
	log "note: MEDIASOUP_WORKER_BIN=$MEDIASOUP_WORKER_BIN is set, so mediasoup will run that binary, not the one installed here"
	unset MEDIASOUP_WORKER_BIN
fi

# Runs a binary the way mediasoup's own prebuilt check does: without
# MEDIASOUP_VERSION it must exit with code 41 (so it loads and starts).
binary_runs() {
	local rc=0
	[[ -x "$1" ]] || return 1
	env -i "$1" >/dev/null 2>&1 || rc=$?
	[[ $rc -eq 41 ]]
}

stamp_ok() {
	local stamp
	stamp="$(cat "$1" 2>/dev/null || true)"
	[[ "$stamp" == prebuilt || "$stamp" == "$RECIPE" ]]
}

sanity_check() {
	log "sanity check: node scripts/mediasoup-worker/sanity-check.mjs $1"
	node "$HERE/sanity-check.mjs" "$1" >&2
}

save_to_cache() {
	local recipe="$1" tmp
	mkdir -p "$CACHE_DIR"
	tmp="$(mktemp "$CACHE_DIR/.mediasoup-worker.XXXXXX")"
	cp "$BIN" "$tmp"
	chmod 755 "$tmp"
	mv -f "$tmp" "$CACHE_DIR/mediasoup-worker"
	printf '%s\n' "$recipe" >"$CACHE_DIR/$STAMP_NAME"
	log "cached: $CACHE_DIR/mediasoup-worker"
}

mkdir -p "$CACHE_ROOT"
# One install at a time per cache (e.g. a setup script and a test run).
exec 9>"$CACHE_ROOT/.lock"
flock 9

log "mediasoup $VERSION ($KEY)"

# --- 1. Already installed?
if [[ $REBUILD -eq 0 && -e "$BIN" ]]; then
	if ! binary_runs "$BIN"; then
		log "installed binary does not run; replacing it"
	elif ! stamp_ok "$RELEASE_DIR/$STAMP_NAME"; then
		log "installed binary was not installed by this script (or by an older recipe); replacing it"
	else
		if [[ $CHECK_ALWAYS -eq 1 ]]; then
			sanity_check "$BIN"
		fi
		log "already installed: $BIN"
		exit 0
	fi
fi

mkdir -p "$RELEASE_DIR"
rm -f "$BIN" "$RELEASE_DIR/$STAMP_NAME"

# --- 2. Cache.
if [[ $REBUILD -eq 0 && -f "$CACHE_DIR/mediasoup-worker" ]]; then
	if ! stamp_ok "$CACHE_DIR/$STAMP_NAME"; then
		log "cached binary was built by an older recipe; ignoring it"
	elif ! binary_runs "$CACHE_DIR/mediasoup-worker"; then
		log "cached binary does not run on this machine (missing shared libraries?); ignoring it"
	else
		log "restoring from cache: $CACHE_DIR/mediasoup-worker"
		cp "$CACHE_DIR/mediasoup-worker" "$BIN"
		chmod 755 "$BIN"
		if sanity_check "$BIN"; then
			cp "$CACHE_DIR/$STAMP_NAME" "$RELEASE_DIR/$STAMP_NAME"
			log "installed from cache: $BIN"
			exit 0
		fi
		log "cached binary failed the sanity check; ignoring it"
		rm -f "$BIN"
	fi
fi

# --- 3. mediasoup's prebuilt download.
# `npm-scripts.mjs postinstall` downloads the prebuilt binary and checks that it
# runs here; if that fails it falls back to a from-source build that downloads
# pip packages and every dependency's source. PYTHON=false makes that fallback
# fail at once, so this only tries the download. (The download function itself
# is not exported.)
try_prebuilt_download() {
	local out rc=0
	if [[ -n "${MEDIASOUP_SKIP_WORKER_PREBUILT_DOWNLOAD:-}" ]]; then
		log "MEDIASOUP_SKIP_WORKER_PREBUILT_DOWNLOAD is set: not trying the prebuilt download"
		return 1
	fi
	log "trying mediasoup's prebuilt binary download (timeout ${MEDIASOUP_WORKER_DOWNLOAD_TIMEOUT:-60}s)"
	out="$(cd "$PKG" && env -u MEDIASOUP_LOCAL_DEV -u npm_package_resolved PYTHON=false \
		timeout "${MEDIASOUP_WORKER_DOWNLOAD_TIMEOUT:-60}" node npm-scripts.mjs postinstall 2>&1)" || rc=$?
	rmdir "$PKG/worker/prebuild" 2>/dev/null || true
	if [[ $rc -eq 0 ]] && binary_runs "$BIN"; then
		return 0
	fi
	# Show why (e.g. "getaddrinfo ENOTFOUND github.com"), without the noise.
	printf '%s\n' "$out" | grep -E 'downloadPrebuiltWorker\(\) \|' | sed 's/\x1b\[[0-9;]*m//g; s/^/    /' >&2 || true
	[[ $rc -eq 124 ]] && log "prebuilt download timed out"
	rm -f "$BIN"
	return 1
}

if try_prebuilt_download; then
	log "got mediasoup's prebuilt binary"
	sanity_check "$BIN" || die "the prebuilt binary failed the sanity check"
	save_to_cache prebuilt
	printf 'prebuilt\n' >"$RELEASE_DIR/$STAMP_NAME"
	log "installed: $BIN"
	exit 0
fi
log "no prebuilt binary; building from source against the system libraries"

# --- 4. Build from source.

# 4a. Tools and libraries.
APT_PACKAGES=(g++ pkg-config python3 python3-pip patch openssl flatbuffers-compiler
	libssl-dev libuv1-dev libsrtp2-dev libusrsctp-dev libabsl-dev libflatbuffers-dev liburing-dev)
if command -v dpkg >/dev/null; then
	missing=()
	for p in "${APT_PACKAGES[@]}"; do
		dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
	done
	if [[ ${#missing[@]} -gt 0 ]]; then
		if [[ -z "${MEDIASOUP_WORKER_NO_APT:-}" && $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
			log "installing missing packages: ${missing[*]}"
			DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >&2 ||
				die "apt-get install failed (run apt-get update first?)"
		else
			die "missing packages: ${missing[*]} (apt-get install ${missing[*]})"
		fi
	fi
fi
for tool in c++ pkg-config python3 flatc patch; do
	command -v "$tool" >/dev/null || die "$tool is not on PATH"
done
python3 -m pip --version >/dev/null 2>&1 || die "python3 -m pip does not work (apt-get install python3-pip)"
PC_MODULES=(openssl libuv libsrtp2 usrsctp flatbuffers liburing absl_flat_hash_map absl_flat_hash_set
	absl_btree absl_inlined_vector absl_strings absl_str_format absl_optional absl_variant absl_span absl_memory)
for m in "${PC_MODULES[@]}"; do
	pkg-config --exists "$m" || die "pkg-config cannot find $m (is its -dev package installed?)"
done
# The code flatc generates only compiles against the same flatbuffers version.
FLATC_VERSION="$(flatc --version | awk '{print $NF}')"
FB_VERSION="$(pkg-config --modversion flatbuffers)"
[[ "$FLATC_VERSION" == "$FB_VERSION" ]] ||
	die "flatc is $FLATC_VERSION but the flatbuffers library is $FB_VERSION; they must match"

# 4b. pip: where there is no route to the public index, use the local one
# instead of letting pip retry the unreachable default for minutes.
if [[ -z "${PIP_INDEX_URL:-}" && -d /opt/pypi/simple/meson ]]; then
	export PIP_INDEX_URL=file:///opt/pypi/simple
	log "pip index: $PIP_INDEX_URL"
fi

# 4c. Shims: one directory per meson subproject, named as its .wrap file's
# `directory`, so meson uses them instead of downloading anything. mediasoup's
# clean-up deletes them after each build, so they are copied fresh every time.
SUBPROJECTS="$PKG/worker/subprojects"
for wrap in "$SUBPROJECTS"/*.wrap; do
	name="$(basename "$wrap" .wrap)"
	dir="$(sed -n 's/^directory[[:space:]]*=[[:space:]]*//p' "$wrap" | tr -d '[:space:]')"
	[[ -n "$dir" ]] || die "no 'directory =' line in $wrap"
	if [[ ! -d "$HERE/shims/$name" ]]; then
		[[ "$name" == wingetopt ]] && continue # Windows only.
		die "mediasoup $VERSION has a subproject '$name' without a shim in scripts/mediasoup-worker/shims/"
	fi
	rm -rf "${SUBPROJECTS:?}/$dir"
	cp -R "$HERE/shims/$name" "$SUBPROJECTS/$dir"
done
log "shims copied into $SUBPROJECTS"

# 4d. The DTLS BIO callback fix (see dtls-bio-callback.patch and README.md).
PATCH_FILE="$HERE/dtls-bio-callback.patch"
PATCH_OPTS=(-d "$PKG" -p1 --fuzz=0 --no-backup-if-mismatch --force --silent)
if patch "${PATCH_OPTS[@]}" --reverse --dry-run <"$PATCH_FILE" >/dev/null 2>&1; then
	log "DTLS BIO callback fix: already applied"
elif patch "${PATCH_OPTS[@]}" --forward --dry-run <"$PATCH_FILE" >/dev/null 2>&1; then
	patch "${PATCH_OPTS[@]}" --forward <"$PATCH_FILE"
	log "DTLS BIO callback fix: applied"
else
	die "dtls-bio-callback.patch does not apply to mediasoup $VERSION's worker/src/RTC/DtlsTransport.cpp; check onSslBioOut() by hand and update the patch"
fi
grep -q 'operationType & BIO_CB_RETURN' "$PKG/worker/src/RTC/DtlsTransport.cpp" ||
	die "DTLS BIO callback fix is not in worker/src/RTC/DtlsTransport.cpp after patching"

# 4e. mediasoup's own build (meson + ninja from pip, flatc, compile, install
# into worker/out/Release, then its clean-up). A stale build directory from an
# interrupted run would keep its old configuration, so start clean.
rm -rf "$RELEASE_DIR/build"
BUILD_LOG="$CACHE_ROOT/build-$KEY.log"
log "building (2 cores: about 5 minutes); full log: $BUILD_LOG"
start=$SECONDS
build_rc=0
(
	cd "$PKG"
	env -u MEDIASOUP_LOCAL_DEV -u MEDIASOUP_FORCE_WORKER_PREBUILT_DOWNLOAD -u PYTHON \
		MEDIASOUP_SKIP_WORKER_PREBUILT_DOWNLOAD=1 \
		MEDIASOUP_BUILDTYPE=Release \
		MESON_VERSION="${MESON_VERSION:-1.12.1}" \
		NINJA_VERSION="${NINJA_VERSION:-1.13.2}" \
		MESON_ARGS=--wrap-mode=nodownload \
		node npm-scripts.mjs postinstall
) 2>&1 | tee "$BUILD_LOG" | sed -u 's/\x1b\[[0-9;]*m//g' | awk '
	# Progress: mediasoup steps, and every 25th compiled file.
	/executeCmd\(\):/ { sub(/.*executeCmd\(\): /, ""); print "[mediasoup-worker]   $ " substr($0, 1, 150); fflush(); next }
	/^\[[0-9]+\/[0-9]+\] / { split(substr($1, 2), n, "/"); n[2] += 0
		if (n[1] % 25 == 0 || n[1] == n[2]) { print "[mediasoup-worker]   compiled " n[1] "/" n[2]; fflush() }
		next }
	/(^|[^A-Za-z_])(error|ERROR)[]:]|^FAILED:/ { print "[mediasoup-worker]   " $0; fflush() }
' >&2 || build_rc=$?
if [[ $build_rc -ne 0 || ! -f "$BIN" ]]; then
	log "build failed; last lines of $BUILD_LOG:"
	tail -n 40 "$BUILD_LOG" | sed 's/^/    /' >&2
	die "mediasoup-worker build failed"
fi
log "built in $((SECONDS - start))s"
# Empty lock file meson leaves behind.
[[ -s "$SUBPROJECTS/.wraplock" ]] || rm -f "$SUBPROJECTS/.wraplock"

binary_runs "$BIN" || die "the built binary does not run"
sanity_check "$BIN" || die "the built binary failed the sanity check"
save_to_cache "$RECIPE"
printf '%s\n' "$RECIPE" >"$RELEASE_DIR/$STAMP_NAME"
log "installed: $BIN"
