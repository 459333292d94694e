//! Link settings for the wasm component: a large shadow stack placed first in linear
//! memory, so deep JS recursion is caught by `stack_guard` (QuickJS has no stack check on WASI).

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    if std::env::var("CARGO_CFG_TARGET_FAMILY").as_deref() == Ok("wasm") {
        // Keep equal to stack_guard::STACK_SIZE.
        println!("cargo:rustc-link-arg=-zstack-size=8388608");
        println!("cargo:rustc-link-arg=--stack-first");
    }
}
