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
apt_packages=(clang-19 lld-19 llvm-19 libclang-rt-19-dev-wasm32 wasi-libc hyperfine ruby python3-venv)
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

# --- moto (a local AWS Lambda API for the remote-invoke tests) ---------------------------------
# Installed into a venv under the cache so it is reused; the tests start `moto_server` on a free
# loopback port themselves (LAMBDABOX_MOTO_SERVER overrides the path).
moto_venv="${LAMBDABOX_MOTO_VENV:-$HOME/.cache/lambdabox/venv}"
if [ ! -x "$moto_venv/bin/moto_server" ]; then
  log "installing moto[server] into $moto_venv"
  python3 -m venv "$moto_venv"
  "$moto_venv/bin/pip" install --quiet --disable-pip-version-check 'moto[server]>=5,<6'
fi
