//! The Python runtime against native CPython (`python3`):
//! - `bootstrap_*`: guest-shims/python/bootstrap.py run natively, speaking the stdio transport;
//! - `differential_*`: each case of tests/fixtures/python-diff/corpus run by the native harness
//!   (tests/support/python-harness.py, written the plain way the AWS runtime is) and by
//!   `lambdabox invoke local` inside the sandbox must print the same document and exit code.

use serde_json::{json, Value};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const NONCE: &str = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn protocol_root() -> PathBuf {
    repo().join("tests/fixtures/python-diff/protocol")
}

/// What a native bootstrap run produced.
struct Run {
    /// Frames carrying our nonce, in order.
    frames: Vec<Value>,
    /// Every other byte of stdout: the function's log output.
    stdout_rest: String,
    stderr: String,
    code: Option<i32>,
}

/// Splits stdout into the frames carrying `nonce` and the rest. A frame may start mid-line.
fn split_frames(stdout: &str, nonce: &str) -> (Vec<Value>, String) {
    let marker = format!("\u{1e}LBX{nonce}\u{1f}");
    let (mut frames, mut rest, mut text) = (Vec::new(), String::new(), stdout);
    while let Some(start) = text.find(&marker) {
        rest.push_str(&text[..start]);
        let body = &text[start + marker.len()..];
        let end = body.find('\n').expect("a frame ends with a newline");
        frames.push(serde_json::from_str(&body[..end]).expect("a frame holds one JSON object"));
        text = &body[end + 1..];
    }
    rest.push_str(text);
    (frames, rest)
}

fn run_bootstrap(messages: &[Value]) -> Run {
    let mut child = Command::new("python3")
        .args(["-S", "-u", "-B"])
        .arg(repo().join("guest-shims/python/bootstrap.py"))
        .env_clear()
        .env("AWS_LAMBDA_FUNCTION_NAME", "protocol")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3 is installed (scripts/setup.sh)");
    let mut stdin = child.stdin.take().unwrap();
    for message in messages {
        writeln!(stdin, "{message}").unwrap();
    }
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    let (frames, stdout_rest) = split_frames(&String::from_utf8(out.stdout).unwrap(), NONCE);
    Run {
        frames,
        stdout_rest,
        stderr: String::from_utf8(out.stderr).unwrap(),
        code: out.status.code(),
    }
}

fn init(handler: &str) -> Value {
    json!({"type": "init", "nonce": NONCE, "handler": handler, "taskRoot": protocol_root().to_str().unwrap()})
}

fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as u64
}

fn invoke(event: Value) -> Value {
    json!({"type": "invoke", "event": event, "context": {
        "awsRequestId": "req-0001", "functionName": "svc-dev-fn", "functionVersion": "$LATEST",
        "invokedFunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:svc-dev-fn",
        "memoryLimitInMB": 256, "logGroupName": "/aws/lambda/svc-dev-fn",
        "logStreamName": "2026/11/28/[$LATEST]abc", "deadlineMs": now_ms() + 60_000,
        "clientContext": null, "identity": null, "userContext": null,
    }})
}

/// Runs `handler` once with `event`; returns the answer to the invoke and the run.
fn invoke_once(handler: &str, event: Value) -> (Value, Run) {
    let run = run_bootstrap(&[init(handler), invoke(event)]);
    assert_eq!(run.code, Some(0), "bootstrap failed: {}", run.stderr);
    assert_eq!(
        run.frames.len(),
        2,
        "frames: {:?}\nstderr: {}",
        run.frames,
        run.stderr
    );
    assert_eq!(
        run.frames[0],
        json!({"type": "ready"}),
        "stderr: {}",
        run.stderr
    );
    (run.frames[1].clone(), run)
}

/// The handler's result, parsed from the `payload` JSON text.
fn result_of(answer: &Value) -> Value {
    assert_eq!(answer["type"], "result", "{answer}");
    serde_json::from_str(answer["payload"].as_str().expect("payload is JSON text")).unwrap()
}

#[test]
fn bootstrap_answers_ready_then_the_result() {
    let event = json!({"name": "ü", "n": 12345678901234567890u64, "f": 1.5, "l": [true, null, {}]});
    let (answer, run) = invoke_once("handlers.echo", event.clone());
    assert_eq!(result_of(&answer), event);
    assert_eq!(run.stdout_rest, "");
}

#[test]
fn bootstrap_sends_every_kind_of_output_to_the_log() {
    let (answer, run) = invoke_once("handlers.noisy", json!({"name": "x"}));
    assert_eq!(result_of(&answer), json!("done"));
    // Only the raw fd-1 write is on stdout, forged frame included, and it is not a frame.
    assert_eq!(
        run.stdout_rest,
        "raw on fd 1 \u{1e}LBX00000000000000000000000000000000\u{1f}{\"type\":\"result\",\"payload\":\"6\"}\n"
    );
    for line in [
        "from print\n",
        "from sys.stdout\n",
        "from sys.__stdout__\n",
        "from sys.stderr\n",
        "from context.log\n",
    ] {
        assert!(
            run.stderr.contains(line),
            "{line:?} missing from stderr:\n{}",
            run.stderr
        );
    }
    // The Lambda log format, UTC timestamp with milliseconds, the request id; basicConfig was a no-op.
    let info = run
        .stderr
        .lines()
        .find(|l| l.contains("from logging x"))
        .expect("the INFO record");
    let fields: Vec<&str> = info.split('\t').collect();
    assert_eq!(fields.len(), 4, "{info:?}");
    assert_eq!(fields[0], "[INFO]");
    assert!(
        fields[1].len() == 24 && fields[1].ends_with('Z') && fields[1].as_bytes()[10] == b'T',
        "{info:?}"
    );
    assert_eq!(fields[2], "req-0001");
    assert_eq!(fields[3], "from logging x");
    assert!(run.stderr.contains("[WARNING]\t"), "{}", run.stderr);
    assert!(
        run.stderr.contains("\treq-0001\tchild warning\n"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("hidden debug"), "{}", run.stderr);
    assert!(!run.stderr.contains("basicConfig:"), "{}", run.stderr);
}

#[test]
fn bootstrap_serialises_decimals_like_serverless() {
    let (answer, _) = invoke_once("handlers.decimals", json!({}));
    assert_eq!(
        answer["payload"],
        r#"{"integral": 3, "fraction": 1.5, "nested": [-2.25, 1000]}"#
    );
}

#[test]
fn bootstrap_reports_an_unserialisable_result_clearly() {
    let (answer, _) = invoke_once("handlers.not_serialisable", json!({}));
    assert_eq!(
        answer,
        json!({"type": "error", "errorType": "Runtime.MarshalError",
               "errorMessage": "Unable to marshal response: Object of type set is not JSON serializable",
               "stackTrace": []})
    );
    let (answer, _) = invoke_once("handlers.not_a_number", json!({}));
    assert_eq!(answer["errorType"], "Runtime.MarshalError");
    assert_eq!(
        answer["errorMessage"],
        "Unable to marshal response: Out of range float values are not JSON compliant"
    );
}

#[test]
fn bootstrap_reports_exceptions_as_the_aws_runtime() {
    let (answer, run) = invoke_once("handlers.fails", json!({"name": "x"}));
    let file = protocol_root().join("handlers.py");
    let file = file.display();
    assert_eq!(
        answer,
        json!({"type": "error", "errorType": "ValueError", "errorMessage": "bad input: x", "stackTrace": [
            format!("  File \"{file}\", line 50, in fails\n    return _inner(event)\n"),
            format!("  File \"{file}\", line 54, in _inner\n    raise ValueError(\"bad input: %s\" % event.get(\"name\"))\n"),
        ]})
    );
    assert!(
        run.stderr
            .contains("[ERROR] ValueError: bad input: x\nTraceback (most recent call last):\n"),
        "{}",
        run.stderr
    );

    let (answer, _) = invoke_once("handlers.fails_custom", json!({}));
    assert_eq!(answer["errorType"], "CustomError");
    assert_eq!(answer["errorMessage"], "custom message");
}

#[test]
fn bootstrap_reports_import_problems_with_runtime_error_types() {
    let cases = [
        (
            "missing_module.handler",
            "Runtime.ImportModuleError",
            "Unable to import module 'missing_module': No module named 'missing_module'",
        ),
        (
            "missing_dep.handler",
            "Runtime.ImportModuleError",
            "Unable to import module 'missing_dep': No module named 'a_module_that_does_not_exist'",
        ),
        (
            "handlers.nope",
            "Runtime.HandlerNotFound",
            "Handler 'nope' missing on module 'handlers'",
        ),
        (
            "nodot",
            "Runtime.MalformedHandlerName",
            "Bad handler 'nodot': not enough values to unpack (expected 2, got 1)",
        ),
        (
            "sys.handler",
            "Runtime.BuiltInModuleConflict",
            "Cannot use built-in module sys as a handler module",
        ),
    ];
    for (handler, error_type, message) in cases {
        let run = run_bootstrap(&[init(handler), invoke(json!({}))]);
        let expected = json!({"type": "error", "errorType": error_type, "errorMessage": message, "stackTrace": []});
        // Answered at init, and again for each invoke (as AWS reports an init error per request).
        assert_eq!(
            run.frames,
            vec![expected.clone(), expected],
            "{handler}: {}",
            run.stderr
        );
        assert_eq!(run.code, Some(0));
    }
}

#[test]
fn bootstrap_reports_a_syntax_error_with_its_location() {
    let run = run_bootstrap(&[init("broken.handler")]);
    let file = protocol_root().join("broken.py");
    assert_eq!(run.frames.len(), 1, "{}", run.stderr);
    let answer = &run.frames[0];
    assert_eq!(answer["errorType"], "Runtime.UserCodeSyntaxError");
    assert_eq!(
        answer["errorMessage"],
        format!(
            "Syntax error in module 'broken': '[' was never closed ({}, line 2)",
            "broken.py"
        )
    );
    assert_eq!(
        answer["stackTrace"],
        json!([format!(
            "  File \"{}\" Line 2\n        return {{\"unclosed\": [1, 2\n",
            file.display()
        )])
    );
}

#[test]
fn bootstrap_reports_an_exception_raised_at_import() {
    let run = run_bootstrap(&[init("raises_on_import.handler")]);
    let answer = &run.frames[0];
    assert_eq!(answer["errorType"], "RuntimeError");
    assert_eq!(answer["errorMessage"], "configuration missing");
    let trace = answer["stackTrace"].as_array().unwrap();
    assert_eq!(
        trace.len(),
        1,
        "the runtime's and the import machinery's frames are dropped: {trace:?}"
    );
    assert!(
        trace[0]
            .as_str()
            .unwrap()
            .contains("raises_on_import.py\", line 1, in <module>"),
        "{trace:?}"
    );
}

#[test]
fn bootstrap_builds_the_context_and_merges_the_user_context() {
    let mut message = invoke(json!({}));
    message["context"]["clientContext"] =
        json!({"custom": {"k": "v"}, "client": {"app_title": "app"}});
    message["context"]["identity"] =
        json!({"cognitoIdentityId": "id-1", "cognitoIdentityPoolId": "pool-1"});
    message["context"]["userContext"] = json!({"extra": 7, "functionName": "overridden"});
    let run = run_bootstrap(&[init("handlers.context_fields"), message]);
    let result = result_of(&run.frames[1]);
    let remaining = result["remaining"].as_u64().unwrap();
    assert!(remaining > 50_000 && remaining <= 60_000, "{remaining}");
    assert_eq!(
        result,
        json!({
            "aws_request_id": "req-0001", "function_name": "overridden", "function_version": "$LATEST",
            "invoked_function_arn": "arn:aws:lambda:us-east-1:123456789012:function:svc-dev-fn",
            "memory_limit_in_mb": "256", "log_group_name": "/aws/lambda/svc-dev-fn",
            "log_stream_name": "2026/11/28/[$LATEST]abc", "remaining": remaining,
            "identity": ["id-1", "pool-1"], "client_custom": {"k": "v"}, "client_app": "app", "user_extra": 7,
        })
    );

    // A passed deadline counts as zero, never negative.
    let mut late = invoke(json!({}));
    late["context"]["deadlineMs"] = json!(1000);
    let run = run_bootstrap(&[init("handlers.context_fields"), late]);
    assert_eq!(result_of(&run.frames[1])["remaining"], 0);
}

#[test]
fn bootstrap_keeps_the_nonce_and_the_channel_from_the_handler() {
    let (answer, _) = invoke_once("handlers.secrets", json!({"nonce": NONCE}));
    let result = result_of(&answer);
    assert_eq!(result["leaks"], json!([]));
    assert_eq!(
        result["stdin"], "",
        "the handler cannot read protocol messages"
    );
    assert_eq!(result["cwd"], protocol_root().to_str().unwrap());
    assert_eq!(
        result["path0"],
        protocol_root().to_str().unwrap(),
        "the task root comes first on sys.path"
    );
}

#[test]
fn bootstrap_stays_warm_across_invocations() {
    let run = run_bootstrap(&[
        init("handlers.counter"),
        invoke(json!({})),
        invoke(json!({})),
        invoke(json!({})),
    ]);
    let counts: Vec<Value> = run.frames[1..].iter().map(result_of).collect();
    assert_eq!(counts, vec![json!(1), json!(2), json!(3)]);
}

#[test]
fn bootstrap_reports_sys_exit_and_stops() {
    let run = run_bootstrap(&[init("handlers.exits"), invoke(json!({})), invoke(json!({}))]);
    assert_eq!(
        run.frames.len(),
        2,
        "no answer after the runtime exited: {:?}",
        run.frames
    );
    assert_eq!(run.frames[1]["errorType"], "Runtime.ExitError");
    assert_eq!(
        run.frames[1]["errorMessage"],
        "RequestId: req-0001 Error: Runtime exited with error: exit status 3"
    );
    assert_eq!(run.code, Some(3));
}

#[test]
fn bootstrap_imports_vendored_packages_and_nested_handlers() {
    let (answer, _) = invoke_once("handlers.uses_vendored", json!({"name": "ann"}));
    assert_eq!(result_of(&answer), "hello ann from a vendored package");
    let (answer, _) = invoke_once("pkg/sub/mod.handler", json!({}));
    assert_eq!(result_of(&answer), json!({"module": "pkg.sub.mod"}));
}

#[test]
fn bootstrap_takes_the_environment_from_init() {
    let mut first = init("handlers.env");
    first["env"] = json!({"GREETING": "hi", "EMPTY": ""});
    let run = run_bootstrap(&[
        first,
        invoke(json!({"keys": ["GREETING", "EMPTY", "AWS_LAMBDA_FUNCTION_NAME"]})),
    ]);
    assert_eq!(
        result_of(&run.frames[1]),
        json!({"GREETING": "hi", "EMPTY": "", "AWS_LAMBDA_FUNCTION_NAME": null})
    );
}

#[test]
fn bootstrap_rejects_a_malformed_message() {
    let mut child = Command::new("python3")
        .args(["-S", "-u", "-B"])
        .arg(repo().join("guest-shims/python/bootstrap.py"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"{not json\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(70));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("protocol error: bad `init` message"));
}

/// One corpus case run natively by the harness: exit code, stdout, stderr.
fn run_native(
    corpus: &Path,
    function: &str,
    handler: &str,
    memory: u64,
    event: &str,
) -> (Option<i32>, String, String) {
    let name = format!("pydiff-dev-{function}");
    let context = json!({
        "functionName": name, "functionVersion": "$LATEST", "memoryLimitInMB": memory,
        "awsRequestId": "native", "invokedFunctionArn": format!("arn:aws:lambda:us-east-1:000000000000:function:{name}"),
        "logGroupName": format!("/aws/lambda/{name}"), "logStreamName": "native", "timeoutMs": 6000,
        "env": {"GREETING": "hello from serverless.yml", "IS_LOCAL": "true"},
    });
    let out = Command::new("python3")
        .arg(repo().join("tests/support/python-harness.py"))
        .args([
            corpus.to_str().unwrap(),
            handler,
            event,
            &context.to_string(),
        ])
        .output()
        .expect("python3 is installed");
    // Paths as the sandbox shows them.
    let stdout = String::from_utf8(out.stdout)
        .unwrap()
        .replace(corpus.to_str().unwrap(), "/var/task");
    (
        out.status.code(),
        stdout,
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// Log records without their timestamp and request id, which differ between the runs.
fn log_records(stderr: &str) -> Vec<String> {
    stderr
        .lines()
        .filter(|l| l.starts_with('[') && l.split('\t').count() == 4)
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            format!("{} {}", f[0], f[3])
        })
        .collect()
}

#[test]
fn differential_corpus_matches_native_python() {
    let corpus = repo().join("tests/fixtures/python-diff/corpus");
    let config: serde_yaml::Value =
        serde_yaml::from_str(&std::fs::read_to_string(corpus.join("serverless.yml")).unwrap())
            .unwrap();
    let cases: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(corpus.join("cases.json")).unwrap()).unwrap();
    let mut mismatches = Vec::new();
    for case in &cases {
        let function = case["function"].as_str().unwrap();
        let declared = &config["functions"][function];
        let handler = declared["handler"].as_str().unwrap();
        let memory = declared["memorySize"].as_u64().unwrap_or(1024);
        let event = case["event"].to_string();

        let native = run_native(&corpus, function, handler, memory, &event);
        crate::python_sandbox::ensure_python();
        let run =
            crate::harness::lambdabox(&corpus, &["invoke", "local", "-f", function, "-d", &event]);
        let sandboxed = (Some(run.code), run.stdout, run.stderr);
        if (native.0, &native.1, log_records(&native.2))
            != (sandboxed.0, &sandboxed.1, log_records(&sandboxed.2))
        {
            mismatches.push(format!(
                "{function} {event}\n--- native (exit {:?})\n{}{}\n--- lambdabox (exit {:?})\n{}{}",
                native.0, native.1, native.2, sandboxed.0, sandboxed.1, sandboxed.2
            ));
        }
    }
    assert!(
        mismatches.is_empty(),
        "{} of {} cases differ:\n\n{}",
        mismatches.len(),
        cases.len(),
        mismatches.join("\n\n")
    );
}
