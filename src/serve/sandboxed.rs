//! [`Runtime`] on the real sandbox: one warm component instance per pool slot, built from the
//! function's decided [`LocalInvocation`] (environment, limits, code mount).

use super::functions::FunctionEntry;
use super::pool::{Call, Execution, Instance, Runtime, StartError};
use crate::config::service::Service;
use crate::exit::UsageError;
use crate::invocation::{Event, LocalInvocation};
use crate::outcome::InvokeResult;
use crate::runtime::{local, node, RuntimeKind};
use crate::sandbox::task_dir::TaskDir;
use crate::sandbox::{
    self, Called, ComponentInstance, HandlerSpec, HostRuntime, LogSink, TASK_ROOT,
};
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
    instance: ComponentInstance,
    log: Arc<Buffer>,
    plan: LocalInvocation,
    // Kept alive with the instance: the (possibly unzipped) code mounted at /var/task.
    _task: TaskDir,
}

impl Runtime for SandboxRuntime {
    fn start(&self, function: &FunctionEntry) -> Result<Box<dyn Instance>, StartError> {
        let plan = self.plan(&function.key)?;
        match RuntimeKind::from_runtime(&plan.runtime) {
            Some(RuntimeKind::Node) => {}
            _ => {
                return Err(StartError::Internal(
                    UsageError::new(format!(
                    "functions.{}.runtime: `{}` cannot be served yet (serve runs nodejs functions)",
                    function.key, plan.runtime
                ))
                    .into(),
                ))
            }
        }
        let guest = sandbox::guests::js();
        let wasm = guest.require().map_err(anyhow::Error::from)?;
        let task = local::task_dir(&plan)?;
        let policy = local::policy(&plan, &task)?;
        let component = sandbox::cache::component("nodejs", wasm, Some(guest.sha256))?;
        let log = Arc::new(Buffer::default());
        let mut instance = match ComponentInstance::new(&component, &policy, log.clone())? {
            Ok(instance) => instance,
            Err(failure) => {
                return Err(StartError::Function {
                    error: node::failure_error(&failure),
                    log: log.take(),
                })
            }
        };
        let spec = HandlerSpec {
            handler: plan.handler.clone(),
            task_root: TASK_ROOT.to_owned(),
        };
        match instance.init(&spec)? {
            Called::Returned(()) => {}
            Called::Failed(error) => {
                return Err(StartError::Function {
                    error,
                    log: log.take(),
                })
            }
            Called::Crashed(failure) => {
                return Err(StartError::Function {
                    error: node::failure_error(&failure),
                    log: log.take(),
                })
            }
        }
        log.take(); // init output belongs to no invocation's tail
        Ok(Box::new(SandboxInstance {
            instance,
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
            Called::Crashed(failure) => (InvokeResult::Err(node::failure_error(&failure)), false),
        };
        Ok(Execution {
            result,
            log: self.log.take(),
            duration,
            max_memory_used_mb: None,
            reusable,
        })
    }
}
