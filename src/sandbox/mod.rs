//! The sandbox: the only code that imports wasmtime.
//!
//! - [`engine`]: one engine per process, epoch interruption for timeouts.
//! - [`cache`]: compiled code on disk, keyed by artifact hash + engine compatibility.
//! - [`Policy`]: what a guest may see and use, in plain Rust; `wasi::build_ctx` is the one place
//!   that turns it into a WASI context.
//! - Two transports behind one [`HostRuntime`] trait: [`ComponentInstance`] (guests built
//!   against `wit/lambdabox.wit`) and [`StdioInstance`] (WASI preview-1 commands speaking
//!   `wit/stdio-transport.md`).

pub mod cache;
mod clock;
mod component;
mod engine;
mod guard;
pub mod guests;
mod limits;
pub mod net;
mod p1_poll;
mod policy;
pub mod ruby_reactor;
mod scratch;
pub mod stdio;
mod streams;
pub mod task_dir;
mod wasi;

pub use component::ComponentInstance;
pub use limits::{Failure, MemoryGauge};
pub use net::NetPolicy;
pub use policy::{Policy, Preopen, DEFAULT_MAX_LOG_BYTES, DEFAULT_TMP_BYTES, MAX_RESPONSE_BYTES};
pub use stdio::StdioInstance;
pub use streams::{LogSink, MemorySink, StderrSink};

use crate::outcome::{FunctionError, Response};

/// Where the function's code is mounted in the guest.
pub const TASK_ROOT: &str = "/var/task";
/// Where a runtime's own files are mounted in the guest.
pub const RUNTIME_DIR: &str = "/var/runtime";
/// The guest's writable scratch directory.
pub const TMP_DIR: &str = "/tmp";

/// What to load (the `handler-spec` of the WIT world).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandlerSpec {
    pub handler: String,
    pub task_root: String,
}

/// The invocation context (the WIT `context` record); the sandbox adds the deadline.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct InvokeContext {
    pub aws_request_id: String,
    pub function_name: String,
    pub function_version: String,
    pub invoked_function_arn: String,
    pub memory_limit_mb: u32,
    pub log_group_name: String,
    pub log_stream_name: String,
    /// JSON text.
    pub client_context: Option<String>,
    /// JSON text.
    pub identity: Option<String>,
    /// JSON object text of `--context`, merged over the defaults by the guest.
    pub user_context: Option<String>,
}

/// How one guest call ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Called<T> {
    /// The guest returned a value.
    Returned(T),
    /// The handler failed; the instance stays usable.
    Failed(FunctionError),
    /// The guest was stopped (timeout, out of memory, trap, exit): the instance is discarded
    /// and every later call on it is an error.
    Crashed(Failure),
}

/// One live guest runtime, whatever its transport. Keep it to reuse a warm instance.
pub trait HostRuntime: Send {
    /// Load the handler (once per instance).
    fn init(&mut self, spec: &HandlerSpec) -> anyhow::Result<Called<()>>;
    /// Run one invocation; `event` is JSON text.
    fn invoke(&mut self, event: &[u8], ctx: &InvokeContext) -> anyhow::Result<Called<Response>>;
    /// The largest size the guest's linear memories reached so far, in bytes (`None` when the
    /// transport does not measure it).
    fn peak_memory_bytes(&self) -> Option<u64> {
        None
    }
}

/// Lambda's response-size limit, applied the same way for every transport.
fn check_response(response: Response, policy: &Policy) -> Called<Response> {
    if response.payload.len() > policy.max_response_bytes {
        return Called::Failed(FunctionError::new(
            "Function.ResponseSizeTooLarge",
            format!(
                "Response payload size ({} bytes) exceeded maximum allowed payload size ({} bytes).",
                response.payload.len(),
                policy.max_response_bytes
            ),
        ));
    }
    Called::Returned(response)
}

#[cfg(test)]
mod tests;
