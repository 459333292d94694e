//! The guest runtimes built from `guest-shims/` by build.rs and embedded in the binary.

use crate::exit::UsageError;

include!(concat!(env!("OUT_DIR"), "/guests.rs"));

/// An embedded guest: its name, bytes, or why it is missing.
pub struct Embedded {
    pub name: &'static str,
    pub wasm: Option<&'static [u8]>,
    /// sha256 of `wasm` (hex), computed at build time.
    pub sha256: &'static str,
    /// Why the build could not embed it (empty when embedded).
    pub missing_reason: &'static str,
}

/// The QuickJS guest for Node.js handlers.
pub fn js() -> Embedded {
    Embedded {
        name: "Node.js",
        wasm: JS_WASM,
        sha256: JS_SHA256,
        missing_reason: JS_MISSING,
    }
}

/// The Java bytecode interpreter guest.
pub fn java() -> Embedded {
    Embedded {
        name: "Java",
        wasm: JAVA_WASM,
        sha256: JAVA_SHA256,
        missing_reason: JAVA_MISSING,
    }
}

impl Embedded {
    /// The guest's bytes, or a usage error saying how to build a lambdabox that has it.
    pub fn require(&self) -> Result<&'static [u8], UsageError> {
        self.wasm.ok_or_else(|| {
            let err = UsageError::new(format!(
                "this lambdabox was built without its {} runtime: {}",
                self.name, self.missing_reason
            ));
            if self.missing_reason.contains("LAMBDABOX_SKIP_GUESTS") {
                return err.hint("rebuild lambdabox (cargo build --release) without LAMBDABOX_SKIP_GUESTS");
            }
            err.hint("install the C-to-wasm toolchain: apt-get install clang-19 lld-19 libclang-rt-19-dev-wasm32 wasi-libc")
                .hint("install the Rust wasm target: rustup target add wasm32-wasip2")
                .hint("then rebuild lambdabox (cargo build --release)")
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_guest_says_what_to_install_and_to_rebuild() {
        let missing = Embedded {
            name: "Node.js",
            wasm: None,
            sha256: "",
            missing_reason: "`clang-19` is not installed",
        };
        let err = missing.require().unwrap_err();
        assert_eq!(
            err.message,
            "this lambdabox was built without its Node.js runtime: `clang-19` is not installed"
        );
        let hints = err.hints.join("\n");
        assert!(
            hints.contains("apt-get install clang-19 lld-19 libclang-rt-19-dev-wasm32 wasi-libc"),
            "{hints}"
        );
        assert!(hints.contains("rustup target add wasm32-wasip2"), "{hints}");
        assert!(hints.contains("rebuild"), "{hints}");
    }
}
