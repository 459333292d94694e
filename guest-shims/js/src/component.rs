//! The wasm32-wasip2 component: wit-bindgen glue between the WIT world
//! (wit/lambdabox.wit, `handler-runtime`) and the runtime core.

use std::cell::RefCell;
use std::rc::Rc;

use crate::host::Host;
use crate::runtime::NodeRuntime;
use crate::types;

wit_bindgen::generate!({
    world: "handler-runtime",
    path: "../../wit",
});

use lambdabox::runtime::host;

/// The host imports.
struct WitHost;

impl Host for WitHost {
    fn log(&self, text: &str) {
        host::log(text);
    }
    fn remaining_time_ms(&self) -> u64 {
        host::remaining_time_ms()
    }
    fn sleep_ms(&self, ms: u64) {
        host::sleep_ms(ms);
    }
}

thread_local! {
    static RUNTIME: RefCell<Option<NodeRuntime>> = const { RefCell::new(None) };
}

fn to_wit(e: types::FunctionError) -> FunctionError {
    FunctionError {
        error_type: e.error_type,
        error_message: e.error_message,
        stack_trace: e.stack_trace,
    }
}

struct Component;

impl Guest for Component {
    fn init(spec: HandlerSpec) -> Result<(), FunctionError> {
        let mut runtime = NodeRuntime::new(Rc::new(WitHost)).map_err(to_wit)?;
        runtime
            .init(&types::HandlerSpec {
                handler: spec.handler,
                task_root: spec.task_root,
            })
            .map_err(to_wit)?;
        RUNTIME.with(|r| *r.borrow_mut() = Some(runtime));
        Ok(())
    }

    fn invoke(event: Vec<u8>, ctx: Context) -> Result<Response, FunctionError> {
        let ctx = types::InvokeContext {
            aws_request_id: ctx.aws_request_id,
            function_name: ctx.function_name,
            function_version: ctx.function_version,
            invoked_function_arn: ctx.invoked_function_arn,
            memory_limit_mb: ctx.memory_limit_mb,
            log_group_name: ctx.log_group_name,
            log_stream_name: ctx.log_stream_name,
            deadline_ms: ctx.deadline_ms,
            client_context: ctx.client_context,
            identity: ctx.identity,
            user_context: ctx.user_context,
        };
        RUNTIME.with(|r| match r.borrow_mut().as_mut() {
            Some(runtime) => runtime
                .invoke(&event, &ctx)
                .map(|resp| Response {
                    payload: resp.payload,
                    is_json: resp.is_json,
                })
                .map_err(to_wit),
            None => Err(to_wit(types::FunctionError::runtime(
                "InternalError",
                "invoke called before a successful init",
            ))),
        })
    }
}

export!(Component);
