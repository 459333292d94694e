# Sourced by the scripts: shared environment for builds and tests.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/lambdabox/target}"
# The same default as the binary (dirs::cache_dir()/lambdabox), so what the scripts install is
# what a plain `lambdabox` invocation finds.
export LAMBDABOX_CACHE_DIR="${LAMBDABOX_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/lambdabox}"
# The integration tests use the same cache: the runtimes test.sh installs, compiled once.
export LAMBDABOX_TEST_CACHE_DIR="${LAMBDABOX_TEST_CACHE_DIR:-$LAMBDABOX_CACHE_DIR}"
