#!/usr/bin/env bash
# Load test of `lambdabox serve`: a trivial Node handler, CLIENTS concurrent keep-alive clients,
# REQUESTS requests in all, every answer checked. Usage: bench/serve_load.sh [CLIENTS] [REQUESTS]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$here/scripts/env.sh"
clients="${1:-16}"
requests="${2:-20000}"
cd "$here"
cargo build --quiet --bin lambdabox --example serve_load
bin="$CARGO_TARGET_DIR/debug"
log="$(mktemp)"
(cd bench/serve-load && exec "$bin/lambdabox" serve --port 0 2>"$log") &
server=$!
trap 'kill -INT $server 2>/dev/null; wait $server 2>/dev/null; rm -f "$log"' EXIT
for _ in $(seq 1 600); do
  addr="$(sed -n 's|^lambdabox serve: listening on http://||p' "$log")"
  [ -n "$addr" ] && break
  sleep 0.1
done
[ -n "$addr" ] || { cat "$log" >&2; echo "error: serve did not start" >&2; exit 1; }
# What the numbers depend on: the build profile and how busy the machine is.
echo "host build: dev profile (optimized dependencies); $(nproc) CPUs; load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
# Warm-up (first compile/instantiate), then the measured run.
"$bin/examples/serve_load" "$addr" load-dev-echo "$clients" "$((clients * 10))" >/dev/null
"$bin/examples/serve_load" "$addr" load-dev-echo "$clients" "$requests"
