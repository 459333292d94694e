//! The lambdabox Node.js guest: QuickJS (via rquickjs) plus a Node.js compatibility layer,
//! running AWS Lambda Node handlers.
//!
//! The core (`runtime`, `native`, `modules`, the JavaScript in `js/`) is plain Rust that also
//! compiles natively, so it is tested with `cargo test` against a stand-in host; only
//! `component` (the wit-bindgen export glue) is wasm-specific.

pub mod builtins;
pub mod host;
mod modules;
mod native;
pub mod runtime;
mod stack_guard;
pub mod types;

#[cfg(target_family = "wasm")]
mod component;

pub use host::{Host, RecordingHost};
pub use runtime::NodeRuntime;
pub use types::{FunctionError, HandlerSpec, InvokeContext, Response};
