//! Runtime selection, handler parsing, per-language specifics and runtime artifacts.

pub mod artifacts;
pub mod java;
pub mod local;
pub mod manage;
pub mod node;
pub mod python;

use crate::exit::UsageError;
use std::fmt;

/// The language families lambdabox can run locally.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RuntimeKind {
    Node,
    Python,
    Ruby,
    Java,
}

impl RuntimeKind {
    /// Map a Lambda runtime identifier (`nodejs20.x`, `python3.12`, `ruby3.4`, `java21`).
    pub fn from_runtime(runtime: &str) -> Option<Self> {
        if runtime.starts_with("nodejs") {
            Some(Self::Node)
        } else if runtime.starts_with("python3") {
            Some(Self::Python)
        } else if runtime.starts_with("ruby") {
            Some(Self::Ruby)
        } else if matches!(
            runtime,
            "java8" | "java8.al2" | "java11" | "java17" | "java21"
        ) {
            Some(Self::Java)
        } else {
            None
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::Node => "node",
            Self::Python => "python",
            Self::Ruby => "ruby",
            Self::Java => "java",
        }
    }
}

impl fmt::Display for RuntimeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Run one invocation locally inside the sandbox.
///
/// A function failure is `Ok(InvokeResult::Err(..))`; `Err(..)` is lambdabox's own failure
/// (a [`crate::exit::UsageError`] for bad input, anything else is internal).
pub fn invoke_local(
    inv: &crate::invocation::LocalInvocation,
) -> anyhow::Result<crate::outcome::InvokeResult> {
    let not_yet = |kind: RuntimeKind| -> anyhow::Result<crate::outcome::InvokeResult> {
        Err(UsageError::new(format!(
            "functions.{}.runtime: runtime `{}` is not available yet (the {kind} runtime is still being built)",
            inv.function.key, inv.runtime
        ))
        .into())
    };
    match RuntimeKind::from_runtime(&inv.runtime) {
        Some(RuntimeKind::Node) => node::invoke_local(inv),
        Some(RuntimeKind::Python) => python::invoke_local(inv),
        Some(RuntimeKind::Java) => java::invoke_local(inv),
        Some(kind @ RuntimeKind::Ruby) => not_yet(kind),
        None => Err(UsageError::new(format!(
            "functions.{}.runtime: `{}` cannot run locally",
            inv.function.key, inv.runtime
        ))
        .hint("lambdabox runs nodejs*, python3.*, ruby* and java8/11/17/21 functions locally")
        .into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_lambda_runtime_names() {
        assert_eq!(
            RuntimeKind::from_runtime("nodejs20.x"),
            Some(RuntimeKind::Node)
        );
        assert_eq!(
            RuntimeKind::from_runtime("python3.12"),
            Some(RuntimeKind::Python)
        );
        assert_eq!(
            RuntimeKind::from_runtime("ruby3.4"),
            Some(RuntimeKind::Ruby)
        );
        assert_eq!(RuntimeKind::from_runtime("java21"), Some(RuntimeKind::Java));
        assert_eq!(RuntimeKind::from_runtime("go1.x"), None);
        assert_eq!(RuntimeKind::from_runtime("provided.al2023"), None);
    }
}
