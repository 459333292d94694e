//! The Ruby runtime against native Ruby (Debian's `ruby`):
//! - `bootstrap_*`: guest-shims/ruby/bootstrap.rb run natively, speaking the stdio transport;
//! - `differential_*`: each handler of tests/fixtures/ruby-diff/corpus run by the native harness
//!   (tests/support/ruby-harness.rb) and inside the sandbox must give the same result.

use serde_json::{json, Value};
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

const NONCE: &str = "5f0c8e2a9b7d41c3a6e2f0b9d8c7a615";

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixtures() -> PathBuf {
    repo().join("tests/fixtures/ruby-diff")
}

fn native_ruby_available() -> bool {
    Command::new("ruby")
        .arg("--version")
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

/// What a native bootstrap run produced: the frames with our nonce, in order, and everything
/// else on stdout / stderr.
struct Run {
    frames: Vec<Value>,
    stdout_rest: String,
    stderr: String,
}

/// Splits stdout into frames carrying `nonce` and the remaining bytes (log output).
fn split_frames(stdout: &str, nonce: &str) -> (Vec<Value>, String) {
    let marker = format!("\u{1e}LBX{nonce}\u{1f}");
    let mut frames = Vec::new();
    let mut rest = String::new();
    let mut text = stdout;
    while let Some(start) = text.find(&marker) {
        rest.push_str(&text[..start]);
        let body = &text[start + marker.len()..];
        let end = body.find('\n').expect("a frame ends with a newline");
        frames.push(serde_json::from_str(&body[..end]).expect("a frame holds JSON"));
        text = &body[end + 1..];
    }
    rest.push_str(text);
    (frames, rest)
}

fn run_bootstrap(messages: &[Value]) -> Run {
    let mut child = Command::new("ruby")
        .arg(repo().join("guest-shims/ruby/bootstrap.rb"))
        .env_clear()
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn ruby");
    let mut stdin = child.stdin.take().unwrap();
    for message in messages {
        writeln!(stdin, "{message}").unwrap();
    }
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "bootstrap exited with {}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    let (frames, stdout_rest) = split_frames(&String::from_utf8(out.stdout).unwrap(), NONCE);
    Run {
        frames,
        stdout_rest,
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

fn init(handler: &str) -> Value {
    json!({
        "type": "init", "nonce": NONCE, "handler": handler,
        "taskRoot": fixtures().join("protocol").to_str().unwrap(),
        "env": {"GREETING": "hi", "LANG": "en_US.UTF-8"},
    })
}

fn deadline_in(ms: u64) -> u64 {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap();
    now.as_millis() as u64 + ms
}

fn invoke(event: Value) -> Value {
    json!({"type": "invoke", "event": event, "context": {
        "awsRequestId": "req-1", "functionName": "svc-dev-fn", "functionVersion": "$LATEST",
        "invokedFunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:svc-dev-fn",
        "memoryLimitInMB": 256, "logGroupName": "/aws/lambda/svc-dev-fn",
        "logStreamName": "2026/11/28/[$LATEST]abc", "deadlineMs": deadline_in(6000),
        "clientContext": null, "identity": null, "userContext": {"custom": [1, 2], "function_version": "7"},
    }})
}

fn payload(frame: &Value) -> Value {
    assert_eq!(frame["type"], "result", "not a result: {frame}");
    serde_json::from_str(frame["payload"].as_str().unwrap()).unwrap()
}

#[test]
fn bootstrap_returns_the_result_and_keeps_logs_off_the_frames() {
    if !native_ruby_available() {
        eprintln!("skipped: no native ruby (scripts/setup.sh installs it)");
        return;
    }
    let run = run_bootstrap(&[
        init("handlers.echo"),
        invoke(json!({"a": [1, "x", null], "b": 1.5})),
    ]);
    assert_eq!(run.frames.len(), 2, "{:?}", run.frames);
    assert_eq!(run.frames[0], json!({"type": "ready"}));
    assert_eq!(
        payload(&run.frames[1]),
        json!({"a": [1, "x", null], "b": 1.5})
    );
    for line in [
        "log via puts",
        "log via print",
        "log via warn",
        "log via $stderr",
        "log via Logger",
    ] {
        assert!(
            run.stderr.contains(line),
            "{line:?} missing from stderr: {}",
            run.stderr
        );
    }
    assert_eq!(run.stdout_rest, "raw bytes on fd 1\n");
}

#[test]
fn bootstrap_builds_the_snake_case_context_with_the_user_context_merged() {
    if !native_ruby_available() {
        return;
    }
    let run = run_bootstrap(&[init("handlers.context_fields"), invoke(json!({}))]);
    let got = payload(&run.frames[1]);
    assert_eq!(got["function_name"], "svc-dev-fn");
    assert_eq!(got["function_version"], "7", "user context wins");
    assert_eq!(
        got["invoked_function_arn"],
        "arn:aws:lambda:us-east-1:123456789012:function:svc-dev-fn"
    );
    assert_eq!(got["memory_limit_in_mb"], "256", "a string, as in AWS");
    assert_eq!(got["aws_request_id"], "req-1");
    assert_eq!(got["log_group_name"], "/aws/lambda/svc-dev-fn");
    assert!(got["deadline_ms"].as_u64().unwrap() > 1_000_000_000_000);
    assert_eq!(got["remaining_positive"], true);
    assert_eq!(got["custom"], json!([1, 2]));
    assert_eq!(got["env"], "hi");
    assert_eq!(got["pwd"], fixtures().join("protocol").to_str().unwrap());
}

#[test]
fn bootstrap_reports_handler_errors_with_class_message_and_backtrace() {
    if !native_ruby_available() {
        return;
    }
    let run = run_bootstrap(&[
        init("handlers.raises"),
        invoke(json!({"n": 3})),
        invoke(json!({"n": 4})),
    ]);
    let err = &run.frames[1];
    assert_eq!(err["type"], "error");
    assert_eq!(err["errorType"], "ArgumentError");
    assert_eq!(err["errorMessage"], "bad input 3");
    let trace: Vec<&str> = err["stackTrace"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(trace.len(), 1, "bootstrap frames are cut: {trace:?}");
    assert!(
        trace[0].contains("handlers.rb:") && trace[0].contains("raises"),
        "{trace:?}"
    );
    assert_eq!(
        run.frames[2]["errorMessage"], "bad input 4",
        "the instance stays usable"
    );
}

#[test]
fn bootstrap_calls_class_methods_and_rejects_what_is_not_json() {
    if !native_ruby_available() {
        return;
    }
    let run = run_bootstrap(&[init("handlers.Outer::Handler.call"), invoke(json!(5))]);
    assert_eq!(
        payload(&run.frames[1]),
        json!({"via": "Outer::Handler.call", "event": 5})
    );
    let run = run_bootstrap(&[init("handlers.not_json"), invoke(json!(null))]);
    assert_eq!(run.frames[1]["errorType"], "JSON::GeneratorError");
    let run = run_bootstrap(&[init("handlers.deep"), invoke(json!(null))]);
    assert_eq!(run.frames[1]["errorType"], "SystemStackError");
}

#[test]
fn bootstrap_reports_load_failures_as_init_errors() {
    if !native_ruby_available() {
        return;
    }
    let run = run_bootstrap(&[init("missing.handler"), invoke(json!({}))]);
    assert_eq!(run.frames[0]["errorType"], "Init<LoadError>");
    assert_eq!(
        run.frames[0]["errorMessage"],
        "cannot load such file -- missing"
    );
    assert_eq!(
        run.frames[1]["errorType"], "RuntimeError",
        "{}",
        run.frames[1]
    );

    let run = run_bootstrap(&[init("broken.handler")]);
    assert_eq!(run.frames[0]["errorType"], "Init<NameError>");
    assert!(
        run.frames[0]["stackTrace"][0]
            .as_str()
            .unwrap()
            .contains("broken.rb:4"),
        "{}",
        run.frames[0]
    );

    let run = run_bootstrap(&[init("a.b.c.d")]);
    assert_eq!(run.frames[0]["errorType"], "Init<ArgumentError>");

    let run = run_bootstrap(&[init("handlers.missing_method"), invoke(json!({}))]);
    assert_eq!(run.frames[0], json!({"type": "ready"}));
    assert_eq!(run.frames[1]["errorType"], "NoMethodError");
}

#[test]
fn bootstrap_frames_cannot_be_forged_by_the_handler() {
    if !native_ruby_available() {
        return;
    }
    let run = run_bootstrap(&[init("handlers.forge"), invoke(json!({}))]);
    assert_eq!(run.frames.len(), 2, "{:?}", run.frames);
    assert_eq!(run.frames[1]["errorType"], "SecurityError");
    assert!(
        run.stdout_rest.contains("forged"),
        "the fake frame is plain output: {:?}",
        run.stdout_rest
    );
    assert!(!run.stderr.contains(NONCE) && !run.stdout_rest.contains(NONCE));
}
