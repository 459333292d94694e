//! The wasm component: implements the `handler-runtime` world of wit/lambdabox.wit on top of
//! `lambda::Runtime`. One runtime per instance (warm sandbox: static state and the handler
//! instance survive between `invoke` calls).

use std::cell::RefCell;

use crate::classpath::ClassPath;
use crate::lambda::{self, InvokeContext, Runtime};
use crate::vm::natives::net::{HttpRequest, HttpResponse};
use crate::vm::{Limits, Vm};

wit_bindgen::generate!({
    world: "handler-runtime",
    path: "../../wit",
});

use lambdabox::runtime::host;

thread_local! {
    static RUNTIME: RefCell<Option<Runtime>> = const { RefCell::new(None) };
}

fn to_wit(e: lambda::FunctionError) -> FunctionError {
    FunctionError {
        error_type: e.error_type,
        error_message: e.error_message,
        stack_trace: e.stack_trace,
    }
}

struct Component;

impl Guest for Component {
    fn init(spec: HandlerSpec) -> Result<(), FunctionError> {
        let mut cp = ClassPath::new();
        cp.add_embedded(crate::classlib::CLASSES);
        cp.add_task_root(std::path::Path::new(&spec.task_root))
            .map_err(|e| FunctionError {
                error_type: "java.io.IOException".into(),
                error_message: e.to_string(),
                stack_trace: vec![],
            })?;
        let mut vm = match Vm::new(cp, Limits::default()) {
            Ok(vm) => vm,
            Err(t) => {
                return Err(FunctionError {
                    error_type: "lambdabox.InternalError".into(),
                    error_message: format!("the Java runtime failed to start: {t:?}"),
                    stack_trace: vec![],
                })
            }
        };
        vm.log = Box::new(|s| host::log(s));
        vm.sleep = Box::new(host::sleep_ms);
        vm.http = Box::new(|r: HttpRequest| {
            let options = host::HttpOptions {
                follow_redirects: r.follow_redirects,
                timeout_ms: r.timeout_ms,
            };
            host::http_send(&r.method, &r.url, &r.headers, &r.body, options).map(|resp| {
                HttpResponse {
                    status: resp.status,
                    headers: resp.headers,
                    body: resp.body,
                    url: resp.url,
                }
            })
        });
        let rt = Runtime::new(vm, &spec.handler).map_err(to_wit)?;
        RUNTIME.with(|r| *r.borrow_mut() = Some(rt));
        Ok(())
    }

    fn invoke(event: Vec<u8>, ctx: Context) -> Result<Response, FunctionError> {
        let ctx = InvokeContext {
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
            Some(rt) => rt
                .invoke(&event, &ctx)
                .map(|resp| Response {
                    payload: resp.payload,
                    is_json: resp.is_json,
                })
                .map_err(to_wit),
            None => Err(FunctionError {
                error_type: "lambdabox.InternalError".into(),
                error_message: "invoke called before init".into(),
                stack_trace: vec![],
            }),
        })
    }
}

export!(Component);
