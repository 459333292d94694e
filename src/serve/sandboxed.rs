//! [`Runtime`] on the real sandbox: one warm guest instance (any runtime) per pool slot, built from the
//! function's decided [`LocalInvocation`] (environment, limits, code mount).

use super::functions::FunctionEntry;
use super::pool::{Call, Execution, Instance, Runtime, StartError};
use crate::config::service::Service;
use crate::exit::UsageError;
use crate::invocation::{Event, LocalInvocation};
use crate::outcome::{FunctionError, InvokeResult};
use crate::runtime::{java, local, node, python, ruby, RuntimeKind};
use crate::sandbox::task_dir::TaskDir;
use crate::sandbox::{Called, Failure, HandlerSpec, HostRuntime, LogSink, TASK_ROOT};
use crate::settings::{self, LocalOptions};
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// Starts sandboxed instances of the service's functions.
pub struct SandboxRuntime {
    service: Service,
    options: LocalOptions,
}

impl SandboxRuntime {
    pub fn new(service: Service, options: LocalOptions) -> Self {
        Self { service, options }
    }

    /// The function's invocation plan; per-call fields (request id, client context) are
    /// replaced on each call.
    pub fn plan(&self, key: &str) -> anyhow::Result<LocalInvocation> {
        settings::local_invocation(&self.service, key, &self.options, Event::empty(), None)
    }
}

/// The log of the current invocation, taken after each call.
#[derive(Default)]
struct Buffer(Mutex<Vec<u8>>);

impl Buffer {
    fn take(&self) -> String {
        let bytes = std::mem::take(&mut *self.0.lock().unwrap_or_else(|e| e.into_inner()));
        String::from_utf8_lossy(&bytes).into_owned()
    }
}

impl LogSink for Buffer {
    fn write(&self, bytes: &[u8]) {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .extend_from_slice(bytes);
    }
}

struct SandboxInstance {
    instance: Box<dyn HostRuntime>,
    on_failure: OnFailure,
    log: Arc<Buffer>,
    plan: LocalInvocation,
    // Kept alive with the instance: the (possibly unzipped) code mounted at /var/task.
    _task: TaskDir,
}

/// How a runtime reports a sandbox failure (trap, timeout, memory) as its error document.
type OnFailure = fn(&Failure) -> FunctionError;

/// A guest started with its handler not yet loaded, or the failure that stopped it starting.
type Started = Result<Box<dyn HostRuntime>, Failure>;

/// The one place that maps a runtime to its guest: the runtime module's instance factory and
/// its failure mapping.
fn start_guest(
    kind: RuntimeKind,
    plan: &LocalInvocation,
    task: &TaskDir,
    log: Arc<dyn LogSink>,
) -> anyhow::Result<(Started, OnFailure)> {
    fn boxed(instance: impl HostRuntime + 'static) -> Box<dyn HostRuntime> {
        Box::new(instance)
    }
    Ok(match kind {
        RuntimeKind::Node => (
            node::instance(plan, task, log)?.map(boxed),
            node::failure_error,
        ),
        RuntimeKind::Java => (
            java::instance(plan, task, log)?.map(boxed),
            java::failure_error,
        ),
        RuntimeKind::Python => (
            Ok(boxed(python::instance(plan, task, log)?)),
            python::failure_error,
        ),
        RuntimeKind::Ruby => (
            Ok(boxed(ruby::instance(plan, task, log)?)),
            ruby::failure_error,
        ),
    })
}

impl Runtime for SandboxRuntime {
    fn start(&self, function: &FunctionEntry) -> Result<Box<dyn Instance>, StartError> {
        let start_time = Instant::now();
        let plan = self.plan(&function.key)?;
        let Some(kind) = RuntimeKind::from_runtime(&plan.runtime) else {
            return Err(StartError::Internal(
                UsageError::new(format!(
                    "functions.{}.runtime: `{}` cannot be served",
                    function.key, plan.runtime
                ))
                .hint("lambdabox serves nodejs*, python3.*, ruby* and java8/11/17/21 functions")
                .into(),
            ));
        };
        let task = local::task_dir(&plan)?;
        let log = Arc::new(Buffer::default());
        let (started, on_failure) = start_guest(kind, &plan, &task, log.clone())?;
        let mut instance = match started {
            Ok(instance) => instance,
            Err(failure) => {
                return Err(StartError::Function {
                    error: on_failure(&failure),
                    log: log.take(),
                    duration: start_time.elapsed(),
                    max_memory_used_mb: None,
                })
            }
        };
        let spec = HandlerSpec {
            handler: plan.handler.clone(),
            task_root: TASK_ROOT.to_owned(),
        };
        let error = match instance.init(&spec)? {
            Called::Returned(()) => None,
            Called::Failed(error) => Some(error),
            Called::Crashed(failure) => Some(on_failure(&failure)),
        };
        if let Some(error) = error {
            return Err(StartError::Function {
                error,
                log: log.take(),
                duration: start_time.elapsed(),
                max_memory_used_mb: max_memory_used_mb(instance.as_ref()),
            });
        }
        log.take(); // init output belongs to no invocation's tail
        Ok(Box::new(SandboxInstance {
            instance,
            on_failure,
            log,
            plan,
            _task: task,
        }))
    }
}

impl Instance for SandboxInstance {
    fn invoke(&mut self, call: &Call) -> anyhow::Result<Execution> {
        let mut ctx = local::context(&self.plan);
        ctx.aws_request_id = call.request_id.clone();
        ctx.client_context = call.client_context.clone();
        let started = Instant::now();
        let called = self.instance.invoke(call.payload.as_bytes(), &ctx)?;
        let duration = started.elapsed();
        let (result, reusable) = match called {
            Called::Returned(response) => (InvokeResult::Ok(response), true),
            Called::Failed(error) => (InvokeResult::Err(error), true),
            Called::Crashed(failure) => (InvokeResult::Err((self.on_failure)(&failure)), false),
        };
        Ok(Execution {
            result,
            log: self.log.take(),
            duration,
            max_memory_used_mb: max_memory_used_mb(self.instance.as_ref()),
            reusable,
        })
    }
}

/// The guest's peak memory so far, in whole MB rounded up, as a REPORT line states it.
fn max_memory_used_mb(instance: &dyn HostRuntime) -> Option<u32> {
    instance.peak_memory_bytes().map(super::log::megabytes)
}
