#!/usr/bin/env bash
# Set up a fresh machine and run the whole test suite.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$here/scripts/setup.sh"
source "$here/scripts/env.sh"
cd "$here"
cargo test --locked --all-targets -- --test-threads=2
