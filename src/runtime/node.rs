//! Node.js handlers: the embedded QuickJS component guest (`guest-shims/js`).

use super::local;
use crate::invocation::LocalInvocation;
use crate::outcome::{FunctionError, InvokeResult};
use crate::sandbox::task_dir::TaskDir;
use crate::sandbox::{self, ComponentInstance, Failure, LogSink, StderrSink};
use std::sync::Arc;

/// Run one Node.js invocation locally; logs go to stderr.
pub fn invoke_local(inv: &LocalInvocation) -> anyhow::Result<InvokeResult> {
    let task = local::task_dir(inv)?;
    match instance(inv, &task, Arc::new(StderrSink))? {
        Ok(mut instance) => local::run(&mut instance, inv, failure_error),
        Err(failure) => Ok(InvokeResult::Err(failure_error(&failure))),
    }
}

/// A live Node.js guest for `inv` with `task` at /var/task, its handler not yet loaded;
/// `Err` is the failure that stopped it while starting.
pub fn instance(
    inv: &LocalInvocation,
    task: &TaskDir,
    log: Arc<dyn LogSink>,
) -> anyhow::Result<Result<ComponentInstance, Failure>> {
    local::component_instance(sandbox::guests::js(), "nodejs", inv, task, log)
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
