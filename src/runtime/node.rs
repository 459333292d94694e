//! Node.js handlers: the embedded QuickJS component guest (`guest-shims/js`).

use super::local;
use crate::invocation::LocalInvocation;
use crate::outcome::{FunctionError, InvokeResult};
use crate::sandbox::{self, ComponentInstance, Failure, StderrSink};
use std::sync::Arc;

/// Run one Node.js invocation locally; logs go to stderr.
pub fn invoke_local(inv: &LocalInvocation) -> anyhow::Result<InvokeResult> {
    let guest = sandbox::guests::js();
    let wasm = guest.require()?;
    let task = local::task_dir(inv)?;
    let policy = local::policy(inv, &task)?;
    let component = sandbox::cache::component("nodejs", wasm, Some(guest.sha256))?;
    let mut instance = match ComponentInstance::new(&component, &policy, Arc::new(StderrSink))? {
        Ok(instance) => instance,
        Err(failure) => return Ok(InvokeResult::Err(failure_error(&failure))),
    };
    local::run(&mut instance, inv, failure_error)
}

/// How the Node runtime reports a sandbox failure.
pub fn failure_error(failure: &Failure) -> FunctionError {
    match failure {
        // What V8 throws; QuickJS on WASI has no stack check of its own, the wasm stack limit
        // is what stops the recursion.
        Failure::StackOverflow => {
            FunctionError::new("RangeError", "Maximum call stack size exceeded")
        }
        other => other.to_function_error(),
    }
}
