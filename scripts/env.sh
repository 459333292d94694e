# Sourced by the scripts: shared environment for builds and tests.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/lambdabox/target}"
export LAMBDABOX_CACHE_DIR="${LAMBDABOX_CACHE_DIR:-$HOME/.cache/lambdabox/runtime}"
# The integration tests use the same cache: the runtimes test.sh installs, compiled once.
export LAMBDABOX_TEST_CACHE_DIR="${LAMBDABOX_TEST_CACHE_DIR:-$LAMBDABOX_CACHE_DIR}"
