//! Runs a Lambda Java handler natively (no wasm) and reports timings: used for benchmarks.
//! Usage: run_handler <classes dir or task root> <handler> <event json> [invocations]

use std::time::Instant;

use lambdabox_java::classpath::ClassPath;
use lambdabox_java::lambda::{InvokeContext, Runtime};
use lambdabox_java::vm::{Limits, Vm};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 4 {
        eprintln!("usage: run_handler <task root> <handler> <event json> [invocations]");
        std::process::exit(2);
    }
    let n: usize = args.get(4).and_then(|s| s.parse().ok()).unwrap_or(1);
    let start = Instant::now();
    let mut cp = ClassPath::new();
    cp.add_embedded(lambdabox_java::classlib::CLASSES);
    if let Err(e) = cp.add_task_root(std::path::Path::new(&args[1])) {
        eprintln!("error: {e}");
        std::process::exit(2);
    }
    let vm = Vm::new(cp, Limits::default()).unwrap_or_else(|e| panic!("VM start-up failed: {e:?}"));
    let boot = start.elapsed();
    let mut rt = match Runtime::new(vm, &args[2]) {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("init error: {e:?}");
            std::process::exit(1);
        }
    };
    let init = start.elapsed();
    let ctx = InvokeContext {
        function_name: "bench".into(),
        memory_limit_mb: 1024,
        deadline_ms: u64::MAX / 2,
        ..Default::default()
    };
    for i in 0..n {
        let t = Instant::now();
        match rt.invoke(args[3].as_bytes(), &ctx) {
            Ok(r) => println!("{}", String::from_utf8_lossy(&r.payload)),
            Err(e) => println!("error: {e:?}"),
        }
        eprintln!("invoke {i}: {:?}", t.elapsed());
    }
    eprintln!(
        "vm start-up {boot:?}, handler init {:?}, total {:?}",
        init - boot,
        start.elapsed()
    );
}
