//! Runs one handler natively: `cargo run --example probe -- TASK_ROOT HANDLER [EVENT_JSON]`.
use std::rc::Rc;

use lambdabox_js::{HandlerSpec, InvokeContext, NodeRuntime, RecordingHost};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let started = std::time::Instant::now();
    let host = Rc::new(RecordingHost::default());
    let mut rt = NodeRuntime::new(host.clone()).expect("runtime");
    let created = started.elapsed();
    let spec = HandlerSpec {
        handler: args[2].clone(),
        task_root: args[1].clone(),
    };
    if let Err(e) = rt.init(&spec) {
        println!("init error: {e:?}");
        return;
    }
    let loaded = started.elapsed();
    let event = args.get(3).cloned().unwrap_or_else(|| "{}".into());
    let result = rt.invoke(event.as_bytes(), &InvokeContext::default());
    eprint!("{}", host.log_text());
    eprintln!(
        "[runtime {created:?}, init {loaded:?}, invoked {:?}]",
        started.elapsed()
    );
    match result {
        Ok(r) => println!("{}", String::from_utf8_lossy(&r.payload)),
        Err(e) => println!("error: {e:?}"),
    }
}
