//! One QuickJS runtime that loads a handler once (`init`) and invokes it many times
//! (`invoke`), driving the Node-style event loop between the two worlds: QuickJS runs the
//! microtasks, the JavaScript side (bootstrap.js) runs timers and immediates and decides
//! when an invocation is complete.

use std::rc::Rc;

use rquickjs::context::EvalOptions;
use rquickjs::{CaughtError, Context, Ctx, Function, Object, Runtime, Value};

use crate::host::Host;
use crate::modules::{EsmLoader, EsmResolver};
use crate::types::{FunctionError, HandlerSpec, InvokeContext, Response};
use crate::{builtins, native, stack_guard};

pub struct NodeRuntime {
    // Field order matters: the context must be dropped before its runtime.
    context: Context,
    _runtime: Runtime,
}

impl NodeRuntime {
    pub fn new(host: Rc<dyn Host>) -> Result<Self, FunctionError> {
        let runtime = Runtime::new().map_err(internal)?;
        runtime.set_loader(EsmResolver, EsmLoader);
        runtime.set_interrupt_handler(Some(Box::new(stack_guard::should_interrupt)));
        runtime.set_host_promise_rejection_tracker(Some(Box::new(
            |ctx: Ctx<'_>, promise: Value<'_>, reason: Value<'_>, handled: bool| {
                if let Ok(track) = runtime_fn(&ctx, "onRejection") {
                    let _ = track.call::<_, ()>((promise, reason, handled));
                }
            },
        )));
        let context = Context::full(&runtime).map_err(internal)?;
        context.with(|ctx| -> Result<(), FunctionError> {
            native::install(&ctx, host).map_err(|e| caught(&ctx, e))?;
            let mut options = EvalOptions::default();
            options.global = true;
            options.strict = true;
            options.filename = Some("node:internal/bootstrap".into());
            ctx.eval_with_options::<(), _>(builtins::BOOTSTRAP, options)
                .map_err(|e| caught(&ctx, e))
        })?;
        Ok(NodeRuntime {
            context,
            _runtime: runtime,
        })
    }

    /// Loads the handler module (running its top-level code and awaits).
    pub fn init(&mut self, spec: &HandlerSpec) -> Result<(), FunctionError> {
        self.context.with(|ctx| {
            call(
                &ctx,
                "startInit",
                (spec.handler.as_str(), spec.task_root.as_str()),
            )?;
            run_to_completion(&ctx).map(|_| ())
        })
    }

    /// Runs one invocation: `event` is JSON text.
    pub fn invoke(
        &mut self,
        event: &[u8],
        context: &InvokeContext,
    ) -> Result<Response, FunctionError> {
        self.context.with(|ctx| {
            let record = context_object(&ctx, context).map_err(|e| caught(&ctx, e))?;
            let event = String::from_utf8_lossy(event).into_owned();
            call(&ctx, "startInvoke", (event, record))?;
            let payload = run_to_completion(&ctx)?;
            Ok(Response {
                payload: payload.into_bytes(),
                is_json: true,
            })
        })
    }
}

fn runtime_fn<'js>(ctx: &Ctx<'js>, name: &str) -> rquickjs::Result<Function<'js>> {
    let lb: Object = ctx.globals().get("__lambdabox")?;
    lb.get(name)
}

fn call<'js, A>(ctx: &Ctx<'js>, name: &str, args: A) -> Result<Value<'js>, FunctionError>
where
    A: rquickjs::function::IntoArgs<'js>,
{
    runtime_fn(ctx, name)
        .and_then(|f| f.call(args))
        .map_err(|e| caught(ctx, e))
}

/// Alternates microtasks (QuickJS jobs) and event-loop turns until the JavaScript side
/// reports the current phase complete, then returns its payload or error.
fn run_to_completion(ctx: &Ctx<'_>) -> Result<String, FunctionError> {
    loop {
        while ctx.execute_pending_job() {}
        if stack_guard::take_tripped() {
            return Err(stack_overflow());
        }
        let done: bool = call(ctx, "tick", ())?.as_bool().ok_or_else(|| {
            FunctionError::runtime("InternalError", "tick returned a non-boolean")
        })?;
        if done {
            break;
        }
    }
    let outcome = call(ctx, "takeOutcome", ())?;
    let outcome = outcome
        .into_object()
        .ok_or_else(|| FunctionError::runtime("InternalError", "no outcome"))?;
    let get = |key: &str| -> Result<String, FunctionError> {
        outcome.get::<_, String>(key).map_err(|e| caught(ctx, e))
    };
    if outcome.get::<_, bool>("ok").unwrap_or(false) {
        get("payload")
    } else {
        Err(FunctionError {
            error_type: get("errorType")?,
            error_message: get("errorMessage")?,
            stack_trace: outcome.get::<_, Vec<String>>("trace").unwrap_or_default(),
        })
    }
}

fn context_object<'js>(ctx: &Ctx<'js>, c: &InvokeContext) -> rquickjs::Result<Object<'js>> {
    let o = Object::new(ctx.clone())?;
    o.set("awsRequestId", c.aws_request_id.as_str())?;
    o.set("functionName", c.function_name.as_str())?;
    o.set("functionVersion", c.function_version.as_str())?;
    o.set("invokedFunctionArn", c.invoked_function_arn.as_str())?;
    o.set("memoryLimitInMB", c.memory_limit_mb)?;
    o.set("logGroupName", c.log_group_name.as_str())?;
    o.set("logStreamName", c.log_stream_name.as_str())?;
    o.set("deadlineMs", c.deadline_ms as f64)?;
    o.set("clientContext", c.client_context.as_deref())?;
    o.set("identity", c.identity.as_deref())?;
    o.set("userContext", c.user_context.as_deref())?;
    Ok(o)
}

fn stack_overflow() -> FunctionError {
    FunctionError {
        error_type: "RangeError".into(),
        error_message: "Maximum call stack size exceeded".into(),
        stack_trace: vec!["RangeError: Maximum call stack size exceeded".into()],
    }
}

/// Turns an exception that escaped the JavaScript runtime itself into a function error.
fn caught(ctx: &Ctx<'_>, error: rquickjs::Error) -> FunctionError {
    if stack_guard::take_tripped() {
        return stack_overflow();
    }
    match CaughtError::from_error(ctx, error) {
        CaughtError::Exception(e) => FunctionError {
            error_type: e
                .get::<_, String>("name")
                .unwrap_or_else(|_| "Error".into()),
            error_message: e.message().unwrap_or_default(),
            stack_trace: e
                .stack()
                .map(|s| s.lines().map(str::to_string).collect())
                .unwrap_or_default(),
        },
        CaughtError::Value(v) => FunctionError::runtime(
            "InternalError",
            format!("uncaught value: {:?}", v.type_of()),
        ),
        CaughtError::Error(e) => internal(e),
    }
}

fn internal(error: rquickjs::Error) -> FunctionError {
    FunctionError::runtime("InternalError", error.to_string())
}
