#!/usr/bin/env bash
# Set up a fresh machine, build lambdabox and invoke an example function locally.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$here/scripts/setup.sh"
source "$here/scripts/env.sh"
cd "$here"
# The same build as the tests (dependencies optimized); `cargo build --release` for benchmarks.
cargo build --locked
bin="$CARGO_TARGET_DIR/debug/lambdabox"
cd examples/hello
set -x
"$bin" print
"$bin" invoke local -f hello -d '{"name": "lambdabox"}'
