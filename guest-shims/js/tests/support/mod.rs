//! Runs handlers natively: writes a task root into a temp dir, inits, invokes.
// Shared by several test binaries; each uses a different part.
#![allow(dead_code)]

use std::path::Path;
use std::rc::Rc;

use lambdabox_js::{FunctionError, HandlerSpec, InvokeContext, NodeRuntime, RecordingHost};

pub struct Run {
    pub result: Result<String, FunctionError>,
    pub logs: String,
}

impl Run {
    #[track_caller]
    pub fn ok(&self) -> serde_json::Value {
        match &self.result {
            Ok(s) => serde_json::from_str(s).expect("payload is JSON"),
            Err(e) => panic!("handler failed: {e:?}\nlogs:\n{}", self.logs),
        }
    }
    #[track_caller]
    pub fn err(&self) -> &FunctionError {
        match &self.result {
            Ok(s) => panic!("handler succeeded with {s}\nlogs:\n{}", self.logs),
            Err(e) => e,
        }
    }
}

pub fn context() -> InvokeContext {
    InvokeContext {
        aws_request_id: "req-1".into(),
        function_name: "svc-dev-fn".into(),
        function_version: "$LATEST".into(),
        invoked_function_arn: "arn:aws:lambda:us-east-1:123456789012:function:svc-dev-fn".into(),
        memory_limit_mb: 1024,
        log_group_name: "/aws/lambda/svc-dev-fn".into(),
        log_stream_name: "2026/01/01/[$LATEST]abc".into(),
        deadline_ms: 0,
        client_context: None,
        identity: None,
        user_context: None,
    }
}

pub fn write_files(root: &Path, files: &[(&str, &str)]) {
    for (name, text) in files {
        let p = root.join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
}

/// One init + one invoke of `handler` over `files`, with `event` (JSON text).
pub fn run(files: &[(&str, &str)], handler: &str, event: &str) -> Run {
    run_with(files, handler, &[event], context()).pop().unwrap()
}

/// Init once, then invoke once per event (a warm instance).
pub fn run_with(
    files: &[(&str, &str)],
    handler: &str,
    events: &[&str],
    ctx: InvokeContext,
) -> Vec<Run> {
    let dir = tempfile::tempdir().unwrap();
    write_files(dir.path(), files);
    run_in(dir.path(), handler, events, ctx)
}

pub fn run_in(root: &Path, handler: &str, events: &[&str], ctx: InvokeContext) -> Vec<Run> {
    let host = Rc::new(RecordingHost::default());
    let mut rt = NodeRuntime::new(host.clone()).expect("runtime starts");
    let spec = HandlerSpec {
        handler: handler.into(),
        task_root: root.to_str().unwrap().into(),
    };
    if let Err(e) = rt.init(&spec) {
        return vec![Run {
            result: Err(e),
            logs: host.log_text(),
        }];
    }
    let mut out = Vec::new();
    for event in events {
        let before = host.lines.borrow().len();
        let result = rt
            .invoke(event.as_bytes(), &ctx)
            .map(|r| String::from_utf8(r.payload).unwrap());
        let logs = host.lines.borrow()[before..].concat();
        out.push(Run { result, logs });
    }
    out
}
