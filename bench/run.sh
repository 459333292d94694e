#!/usr/bin/env bash
# Benchmark: a cached `lambdabox invoke local` of a trivial handler in each runtime against the
# start of the native runtime (`node -e 0`, `python3 -c pass`, `ruby -e 0`, a JVM running an
# empty main) and, when installed, `serverless invoke local`. Prints mean wall/CPU times and
# ratios. Needs hyperfine (Debian package), a release build of lambdabox, and the Python/Ruby
# runtimes installed (`lambdabox runtimes install …`, see the README).
#
#   bench/run.sh                      # all runtimes
#   RUNTIMES="node python" bench/run.sh
#   LAMBDABOX=path RUNS=50 bench/run.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target="${CARGO_TARGET_DIR:-$here/target}"
bin="${LAMBDABOX:-$target/release/lambdabox}"
runs="${RUNS:-30}"
runtimes="${RUNTIMES:-node python ruby java}"

command -v hyperfine >/dev/null || { echo "error: hyperfine is not installed" >&2; echo "hint: apt-get install hyperfine" >&2; exit 2; }
[ -x "$bin" ] || { echo "error: $bin does not exist" >&2; echo "hint: cargo build --release" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export SLS_TELEMETRY_DISABLED=1 npm_config_update_notifier=false
results=()

# service RUNTIME_ID HANDLER: a one-function service in $work/<lang>.
service() {
  mkdir -p "$svc"
  cat > "$svc/serverless.yml" <<YML
service: bench
provider:
  name: aws
  runtime: $1
functions:
  hello:
    handler: $2
YML
}

for lang in $runtimes; do
  svc="$work/$lang"
  case "$lang" in
    node)
      service nodejs20.x handler.hello
      echo 'exports.hello = async (event) => ({ statusCode: 200, body: JSON.stringify({ hello: event.name || "world" }) });' > "$svc/handler.js"
      native=(node -e 0) ;;
    python)
      service python3.12 handler.hello
      printf 'import json\ndef hello(event, context):\n    return {"statusCode": 200, "body": json.dumps({"hello": event.get("name", "world")})}\n' > "$svc/handler.py"
      # The interpreter itself, not a version-manager shim in front of it.
      py="$(command -v python3)"; [ -x /usr/bin/python3 ] && py=/usr/bin/python3
      native=("$py" -c pass) ;;
    ruby)
      command -v ruby >/dev/null || { echo "(ruby not installed: skipping ruby)"; continue; }
      service ruby3.4 handler.hello
      printf 'require "json"\ndef hello(event:, context:)\n  { statusCode: 200, body: JSON.generate(hello: event["name"] || "world") }\nend\n' > "$svc/handler.rb"
      native=(ruby -e 0) ;;
    java)
      command -v javac >/dev/null || { echo "(javac not installed: skipping java)"; continue; }
      service java17 bench.Hello::handleRequest
      mkdir -p "$svc/src/bench"
      cat > "$svc/src/bench/Hello.java" <<'JAVA'
package bench;
import java.util.Map;
public class Hello {
    public Map<String, Object> handleRequest(Map<String, Object> event) {
        Object name = event.get("name");
        return Map.of("statusCode", 200, "body", "{\"hello\":\"" + (name == null ? "world" : name) + "\"}");
    }
    public static void main(String[] args) {}
}
JAVA
      javac --release 17 -d "$svc" "$svc/src/bench/Hello.java"
      native=(java -Xshare:auto -cp "$svc" bench.Hello) ;;
    *) echo "error: unknown runtime $lang" >&2; exit 2 ;;
  esac
  # The first run compiles the runtime (or finds it cached) and must succeed.
  (cd "$svc" && "$bin" invoke local -f hello -d '{"name":"bench"}' >/dev/null) || {
    echo "error: lambdabox invoke local failed for $lang" >&2; exit 1; }
  (cd "$svc" && hyperfine -N --warmup 3 --runs "$runs" --export-json "$work/$lang.json" \
    -n "$lang: lambdabox invoke local (cached)" "$bin invoke local -f hello -d '{\"name\":\"bench\"}'" \
    -n "$lang: native start (${native[*]})" "${native[*]}")
  results+=("$work/$lang.json")
done

sls="$(command -v serverless || command -v sls || true)"
if [ -n "$sls" ] && [[ " $runtimes " == *" node "* ]]; then
  (cd "$work/node" && hyperfine -N --warmup 1 --runs "${SLS_RUNS:-5}" --export-json "$work/sls.json" \
    -n "node: serverless invoke local" "$sls invoke local -f hello -d '{\"name\":\"bench\"}'")
  results+=("$work/sls.json")
else
  echo "(serverless not installed: skipping serverless invoke local)"
fi

python3 - "${results[@]}" <<'PY'
import json, sys
wall, cpu = {}, {}
for path in sys.argv[1:]:
    for r in json.load(open(path))["results"]:
        wall[r["command"]] = r["mean"]
        cpu[r["command"]] = r["user"] + r["system"]
print()
print(f"{'':52} {'wall':>9} {'CPU':>9}")
for name in wall:
    print(f"{name:52} {wall[name] * 1000:7.1f}ms {cpu[name] * 1000:7.1f}ms")
print()
# CPU time is the steadier measure on a busy machine; wall time is what the targets name.
for ours in [n for n in wall if "lambdabox" in n]:
    lang = ours.split(":")[0]
    for peer in [n for n in wall if n.startswith(lang + ":") and n != ours]:
        print(f"{ours.split(':')[1].strip()} / {peer}: wall {wall[ours] / wall[peer]:.3f}x, CPU {cpu[ours] / cpu[peer]:.3f}x")
PY
