//! Java handlers: the embedded bytecode-interpreter component guest (`guest-shims/java`).

use super::local;
use crate::invocation::LocalInvocation;
use crate::outcome::{FunctionError, InvokeResult};
use crate::sandbox::task_dir::TaskDir;
use crate::sandbox::{self, ComponentInstance, Failure, LogSink, StderrSink};
use std::sync::Arc;

/// Run one Java invocation locally; logs go to stderr.
pub fn invoke_local(inv: &LocalInvocation) -> anyhow::Result<InvokeResult> {
    let task = local::task_dir(inv)?;
    match instance(inv, &task, Arc::new(StderrSink))? {
        Ok(mut instance) => local::run(&mut instance, inv, failure_error),
        Err(failure) => Ok(InvokeResult::Err(failure_error(&failure))),
    }
}

/// A live Java guest for `inv` with `task` at /var/task, its handler not yet loaded; `Err` is
/// the failure that stopped it while starting.
pub fn instance(
    inv: &LocalInvocation,
    task: &TaskDir,
    log: Arc<dyn LogSink>,
) -> anyhow::Result<Result<ComponentInstance, Failure>> {
    local::component_instance(sandbox::guests::java(), "java", inv, task, log)
}

/// How the Java runtime reports a sandbox failure. Java-level stack overflows and heap
/// exhaustion are raised inside the interpreter as StackOverflowError / OutOfMemoryError;
/// these cover the guest itself hitting the wasm limits.
pub fn failure_error(failure: &Failure) -> FunctionError {
    match failure {
        Failure::StackOverflow => FunctionError::new(
            "java.lang.StackOverflowError",
            "java.lang.StackOverflowError",
        ),
        other => other.to_function_error(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sandbox::{
        Called, HandlerSpec, HostRuntime, InvokeContext, MemorySink, Policy, TASK_ROOT,
    };
    use std::path::Path;
    use std::process::Command;
    use std::time::Duration;

    /// Compiles the fixture handlers into a task root (javac is needed by the tests only).
    fn task_root() -> tempfile::TempDir {
        let root = tempfile::tempdir().unwrap();
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        let handlers = repo.join("tests/fixtures/java/handlers/example");
        let sources: Vec<_> = [
            "HelloHandler",
            "UpperStreamHandler",
            "FailingHandler",
            "ContextHandler",
        ]
        .iter()
        .map(|n| handlers.join(format!("{n}.java")))
        .collect();
        let status = Command::new("javac")
            .args(["--release", "11", "-g", "-sourcepath"])
            .arg(repo.join("guest-shims/java/classlib"))
            .arg("-d")
            .arg(root.path())
            .args(&sources)
            .status()
            .expect("javac is needed to compile the Java fixtures");
        assert!(status.success());
        root
    }

    fn ctx() -> InvokeContext {
        InvokeContext {
            aws_request_id: "req-1".into(),
            function_name: "fn".into(),
            function_version: "$LATEST".into(),
            invoked_function_arn: "arn:aws:lambda:us-east-1:123456789012:function:fn".into(),
            memory_limit_mb: 512,
            log_group_name: "/aws/lambda/fn".into(),
            log_stream_name: "stream".into(),
            client_context: None,
            identity: None,
            user_context: Some(r#"{"functionName": "renamed"}"#.into()),
        }
    }

    fn start(
        root: &Path,
        handler: &str,
    ) -> Option<(ComponentInstance, Arc<MemorySink>, Called<()>)> {
        let Some(wasm) = sandbox::guests::java().wasm else {
            eprintln!(
                "skipped: this build has no Java guest ({})",
                sandbox::guests::java().missing_reason
            );
            return None;
        };
        let component = sandbox::cache::component("java", wasm, None).unwrap();
        let policy = Policy::new(root, Duration::from_secs(20), 512);
        let log = Arc::new(MemorySink::default());
        let mut instance = ComponentInstance::new(&component, &policy, log.clone())
            .unwrap()
            .unwrap();
        let spec = HandlerSpec {
            handler: handler.into(),
            task_root: TASK_ROOT.into(),
        };
        let init = instance.init(&spec).unwrap();
        Some((instance, log, init))
    }

    #[test]
    fn runs_request_stream_and_failing_handlers_in_the_sandbox() {
        let root = task_root();
        let Some((mut hello, log, init)) = start(root.path(), "example.HelloHandler") else {
            return;
        };
        assert_eq!(init, Called::Returned(()));
        match hello.invoke(br#"{"name": "Ada"}"#, &ctx()).unwrap() {
            Called::Returned(r) => {
                assert_eq!(
                    String::from_utf8(r.payload).unwrap(),
                    "\"Hello, Ada! (1 keys)\""
                );
                assert!(r.is_json);
            }
            other => panic!("{other:?}"),
        }
        let logs = String::from_utf8(log.contents()).unwrap();
        assert!(
            logs.contains("event keys: [name]\n") && logs.contains("stdout line\n"),
            "{logs}"
        );

        let (mut stream, _, _) = start(root.path(), "example.UpperStreamHandler").unwrap();
        match stream.invoke(b"abc", &ctx()).unwrap() {
            Called::Returned(r) => {
                assert_eq!(r.payload, b"<<ABC>> 3 bytes");
                assert!(!r.is_json);
            }
            other => panic!("{other:?}"),
        }

        let (mut failing, _, _) = start(root.path(), "example.FailingHandler").unwrap();
        match failing.invoke(b"{}", &ctx()).unwrap() {
            Called::Failed(e) => {
                assert_eq!(e.error_type, "example.FailingHandler$ValidationException");
                assert_eq!(e.error_message, "missing field 'id'");
                assert_eq!(
                    e.stack_trace[0],
                    "example.FailingHandler.check(FailingHandler.java:22)"
                );
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn keeps_warm_state_and_merges_the_user_context() {
        let root = task_root();
        let Some((mut rt, _, _)) = start(root.path(), "example.ContextHandler") else {
            return;
        };
        let mut last = String::new();
        for _ in 0..2 {
            match rt.invoke(b"\"x\"", &ctx()).unwrap() {
                Called::Returned(r) => last = String::from_utf8(r.payload).unwrap(),
                other => panic!("{other:?}"),
            }
        }
        assert!(last.contains("\"function\":\"renamed:$LATEST\""), "{last}");
        assert!(last.contains("\"memory\":512"), "{last}");
        assert!(
            last.contains("\"coldStarts\":1,\"invocations\":2"),
            "{last}"
        );
    }

    #[test]
    fn missing_class_is_a_function_error_at_init() {
        let root = task_root();
        let Some((_, _, init)) = start(root.path(), "example.Missing") else {
            return;
        };
        match init {
            Called::Failed(e) => assert_eq!(e.error_type, "java.lang.ClassNotFoundException"),
            other => panic!("{other:?}"),
        }
    }
}
