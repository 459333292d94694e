#!/usr/bin/env bash
# Benchmark: a cached `lambdabox invoke local` of a trivial Node.js handler against the start of
# `node -e` and, when installed, `serverless invoke local` (Serverless v3). Prints mean times
# and ratios. Needs hyperfine (Debian package) and a release build of lambdabox.
#
#   bench/run.sh            # uses $CARGO_TARGET_DIR/release/lambdabox (or ./target/release)
#   LAMBDABOX=path bench/run.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target="${CARGO_TARGET_DIR:-$here/target}"
bin="${LAMBDABOX:-$target/release/lambdabox}"
runs="${RUNS:-30}"

for tool in hyperfine node python3; do
  command -v "$tool" >/dev/null || { echo "error: $tool is not installed" >&2; echo "hint: apt-get install hyperfine nodejs python3" >&2; exit 2; }
done
[ -x "$bin" ] || { echo "error: $bin does not exist" >&2; echo "hint: cargo build --release" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
svc="$work/service"
mkdir -p "$svc"
cat > "$svc/serverless.yml" <<'YML'
service: bench
provider:
  name: aws
  runtime: nodejs20.x
functions:
  hello:
    handler: handler.hello
YML
cat > "$svc/handler.js" <<'JS'
exports.hello = async (event) => ({ statusCode: 200, body: JSON.stringify({ hello: event.name || "world" }) });
JS
export LAMBDABOX_CACHE_DIR="$work/cache"
export SLS_TELEMETRY_DISABLED=1 npm_config_update_notifier=false

# Cold: the first run compiles the QuickJS component and fills the cache.
start=$(date +%s.%N)
"$bin" invoke local -f hello --config "$svc/serverless.yml" -d '{"name":"bench"}' >/dev/null 2>&1
end=$(date +%s.%N)
cold=$(python3 -c "print(f'{$end - $start:.2f}')")
echo "cold first invoke (compiles the JS runtime): ${cold} s"

cmds=(-n "lambdabox invoke local (cached)" "$bin invoke local -f hello --config $svc/serverless.yml -d {\"name\":\"bench\"}"
      -n "node -e 0" "node -e 0")
if command -v serverless >/dev/null || command -v sls >/dev/null; then
  sls="$(command -v serverless || command -v sls)"
  cmds+=(-n "serverless invoke local" "$sls invoke local -f hello -c $svc/serverless.yml -d {\"name\":\"bench\"}")
else
  echo "(serverless not installed: skipping serverless invoke local)"
fi

hyperfine -N --warmup 3 --runs "$runs" --export-json "$work/results.json" "${cmds[@]}"

python3 - "$work/results.json" <<'PY'
import json, sys
results = {r["command"]: r["mean"] for r in json.load(open(sys.argv[1]))["results"]}
lb = results["lambdabox invoke local (cached)"]
print()
for name, mean in results.items():
    print(f"{name:34} {mean * 1000:8.1f} ms")
print()
print(f"lambdabox / node -e: {lb / results['node -e 0']:.2f}x (target < 0.3x)")
if "serverless invoke local" in results:
    print(f"lambdabox / serverless invoke local: {lb / results['serverless invoke local']:.3f}x")
PY
