#!/bin/sh
# Creates a WASI sysroot for clang from Debian's wasi-libc package and prints its path.
# rquickjs-sys compiles QuickJS-NG (C) for wasm32-wasip1/wasip2 with it:
#   RQUICKJS_SYS_NO_WASI_SDK=1 CC_wasm32_wasip2=clang-19 AR_wasm32_wasip2=llvm-ar-19 \
#   CFLAGS_wasm32_wasip2=--sysroot=$(guest-shims/js/wasi-sysroot.sh "$GUEST_TARGET_DIR")
# Usage: wasi-sysroot.sh [TARGET_DIR]   (default: /root/.cache/lambdabox/guest-target)
set -eu
target_dir=${1:-${CARGO_TARGET_DIR:-/root/.cache/lambdabox/guest-target}}
include=/usr/include/wasm32-wasi
lib=/usr/lib/wasm32-wasi
if [ ! -f "$include/stdio.h" ] || [ ! -f "$lib/libc.a" ]; then
  echo "error: wasi-libc headers or libc.a not found under $include / $lib" >&2
  echo "hint: apt-get install clang-19 lld-19 libclang-rt-19-dev-wasm32 wasi-libc" >&2
  exit 1
fi
if ! command -v clang-19 >/dev/null 2>&1; then
  echo "error: clang-19 is not installed (needed to compile QuickJS for wasm)" >&2
  echo "hint: apt-get install clang-19 lld-19 libclang-rt-19-dev-wasm32 wasi-libc" >&2
  exit 1
fi
sysroot=$target_dir/wasi-sysroot
mkdir -p "$sysroot/lib"
ln -sfn "$include" "$sysroot/include"
for t in wasm32-wasi wasm32-wasip1 wasm32-wasip2; do
  ln -sfn "$lib" "$sysroot/lib/$t"
done
echo "$sysroot"
