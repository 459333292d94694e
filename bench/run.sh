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
(cd "$svc" && "$bin" invoke local -f hello -d '{"name":"bench"}' >/dev/null 2>&1)
end=$(date +%s.%N)
cold=$(python3 -c "print(f'{$end - $start:.2f}')")
echo "cold first invoke (compiles the JS runtime): ${cold} s"

cd "$svc"
hyperfine -N --warmup 3 --runs "$runs" --export-json "$work/fast.json" \
  -n "lambdabox invoke local (cached)" "$bin invoke local -f hello -d {\"name\":\"bench\"}" \
  -n "node -e 0" "node -e 0"

results=("$work/fast.json")
sls="$(command -v serverless || command -v sls || true)"
if [ -n "$sls" ]; then
  # Serverless takes seconds per run: fewer runs.
  hyperfine -N --warmup 1 --runs "${SLS_RUNS:-5}" --export-json "$work/sls.json" \
    -n "serverless invoke local" "$sls invoke local -f hello -d {\"name\":\"bench\"}"
  results+=("$work/sls.json")
else
  echo "(serverless not installed: skipping serverless invoke local)"
fi

python3 - "${results[@]}" <<'PY'
import json, sys
results, cpu = {}, {}
for path in sys.argv[1:]:
    for r in json.load(open(path))["results"]:
        results[r["command"]] = r["mean"]
        cpu[r["command"]] = r["user"] + r["system"]
lb = "lambdabox invoke local (cached)"
print()
print(f"{'':34} {'wall':>9} {'CPU':>9}")
for name, mean in results.items():
    print(f"{name:34} {mean * 1000:7.1f}ms {cpu[name] * 1000:7.1f}ms")
print()
# CPU time is the steadier measure on a busy machine; wall time is what the target names.
for peer, target in (("node -e 0", " (target < 0.3x)"), ("serverless invoke local", "")):
    if peer in results:
        print(f"lambdabox / {peer}: wall {results[lb] / results[peer]:.3f}x, CPU {cpu[lb] / cpu[peer]:.3f}x{target}")
PY
