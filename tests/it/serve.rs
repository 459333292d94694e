//! `lambdabox serve` started as a process: called through aws-sdk-lambda directly, through
//! `lambdabox invoke --endpoint-url`, and with raw HTTP for the edge cases.

use crate::harness;
use crate::remote::moto::http;
use aws_sdk_lambda::primitives::Blob;
use aws_sdk_lambda::types::{InvocationType, LogType};
use base64::Engine as _;
use std::io::{BufRead as _, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// A running `lambdabox serve` on a free port, stopped on drop.
pub struct Serve {
    child: Child,
    pub port: u16,
}

impl Serve {
    pub fn start(dir: &std::path::Path, extra: &[&str]) -> Serve {
        let mut child = Command::new(env!("CARGO_BIN_EXE_lambdabox"))
            .current_dir(dir)
            .args(["serve", "--port", "0"])
            .args(extra)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", std::env::var_os("HOME").unwrap_or_default())
            .env("LAMBDABOX_CACHE_DIR", harness::cache_dir())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("lambdabox serve starts");
        let (tx, rx) = mpsc::channel();
        let stderr = child.stderr.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let port = loop {
            let line = rx
                .recv_timeout(Duration::from_secs(120))
                .expect("serve prints where it listens");
            if let Some(addr) = line.strip_prefix("lambdabox serve: listening on http://") {
                break addr.rsplit(':').next().unwrap().parse().unwrap();
            }
        };
        // The reader thread keeps draining stderr after `rx` is gone.
        Serve { child, port }
    }

    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    pub fn client(&self) -> aws_sdk_lambda::Client {
        let config = aws_sdk_lambda::Config::builder()
            .behavior_version(aws_sdk_lambda::config::BehaviorVersion::latest())
            .region(aws_sdk_lambda::config::Region::new("us-east-1"))
            .endpoint_url(self.endpoint())
            .credentials_provider(aws_sdk_lambda::config::Credentials::new(
                "AKID", "secret", None, None, "test",
            ))
            .build();
        aws_sdk_lambda::Client::from_conf(config)
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn block_on<F: std::future::Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(f)
}

fn payload_json(out: &aws_sdk_lambda::operation::invoke::InvokeOutput) -> serde_json::Value {
    serde_json::from_slice(out.payload().unwrap().as_ref()).unwrap()
}

#[test]
fn sdk_invoke_returns_result_client_context_and_tail_log() {
    let serve = Serve::start(&harness::fixture("node", "serve"), &[]);
    let client = serve.client();
    let out = block_on(
        client
            .invoke()
            .function_name("serve-dev-hello")
            .payload(Blob::new(r#"{"name":"sdk"}"#))
            .client_context(
                base64::engine::general_purpose::STANDARD.encode(r#"{"custom":{"k":"v"}}"#),
            )
            .log_type(LogType::Tail)
            .send(),
    )
    .expect("invoke through the SDK");
    assert_eq!(out.status_code(), 200);
    assert_eq!(out.function_error(), None);
    assert_eq!(out.executed_version(), Some("$LATEST"));
    let body = payload_json(&out);
    assert_eq!(body["event"], serde_json::json!({"name": "sdk"}));
    assert_eq!(body["clientContext"]["custom"]["k"], "v", "{body}");
    let log = String::from_utf8(
        base64::engine::general_purpose::STANDARD
            .decode(out.log_result().expect("a log tail"))
            .unwrap(),
    )
    .unwrap();
    let request_id = body["requestId"].as_str().unwrap();
    assert!(
        log.starts_with(&format!("START RequestId: {request_id} Version: $LATEST\n")),
        "{log}"
    );
    assert!(log.contains("hello from serve"), "{log}");
    assert!(
        log.contains(&format!(
            "\nEND RequestId: {request_id}\nREPORT RequestId: {request_id}\tDuration: "
        )),
        "{log}"
    );
}

#[test]
fn sdk_event_dry_run_unknown_function_and_qualifiers() {
    let serve = Serve::start(&harness::fixture("node", "serve"), &[]);
    let client = serve.client();
    block_on(async {
        let event = client
            .invoke()
            .function_name("hello")
            .invocation_type(InvocationType::Event)
            .send()
            .await
            .unwrap();
        assert_eq!(event.status_code(), 202);
        let dry = client
            .invoke()
            .function_name("serve-dev-hello")
            .invocation_type(InvocationType::DryRun)
            .send()
            .await
            .unwrap();
        assert_eq!(dry.status_code(), 204);
        let arn = "arn:aws:lambda:us-east-1:123456789012:function:serve-dev-hello:$LATEST";
        assert_eq!(
            client
                .invoke()
                .function_name(arn)
                .send()
                .await
                .unwrap()
                .status_code(),
            200
        );
        let err = client
            .invoke()
            .function_name("nope")
            .send()
            .await
            .unwrap_err()
            .into_service_error();
        assert!(err.is_resource_not_found_exception(), "{err:?}");
        let err = client
            .invoke()
            .function_name("serve-dev-hello")
            .qualifier("live")
            .send()
            .await
            .unwrap_err()
            .into_service_error();
        assert!(err.is_resource_not_found_exception(), "{err:?}");
    });
}

#[test]
fn function_error_has_the_header_and_the_error_document() {
    let serve = Serve::start(&harness::fixture("node", "serve"), &[]);
    let out = block_on(serve.client().invoke().function_name("fail").send()).unwrap();
    assert_eq!(out.status_code(), 200);
    assert_eq!(out.function_error(), Some("Unhandled"));
    let body = payload_json(&out);
    assert_eq!(body["errorType"], "Error");
    assert_eq!(body["errorMessage"], "boom");
}

#[test]
fn warm_state_persists_and_a_timed_out_sandbox_is_replaced() {
    let serve = Serve::start(
        &harness::fixture("node", "serve"),
        &["--max-concurrency", "1"],
    );
    let client = serve.client();
    block_on(async {
        let count = |out: aws_sdk_lambda::operation::invoke::InvokeOutput| payload_json(&out);
        for expected in 1..=3 {
            let out = client
                .invoke()
                .function_name("counter")
                .send()
                .await
                .unwrap();
            assert_eq!(count(out), serde_json::json!(expected));
        }
        let out = client
            .invoke()
            .function_name("counter")
            .payload(Blob::new(r#"{"hang":true}"#))
            .send()
            .await
            .unwrap();
        assert_eq!(out.function_error(), Some("Unhandled"));
        assert!(
            payload_json(&out)["errorMessage"]
                .as_str()
                .unwrap()
                .contains("timed out"),
            "{:?}",
            payload_json(&out)
        );
        let out = client
            .invoke()
            .function_name("counter")
            .send()
            .await
            .unwrap();
        assert_eq!(
            count(out),
            serde_json::json!(1),
            "a fresh sandbox replaced the one that timed out"
        );
    });
}

#[test]
fn raw_http_edge_cases_404_413_400() {
    let serve = Serve::start(&harness::fixture("node", "serve"), &[]);
    let (status, body) = http(
        serve.port,
        "POST",
        "/2015-03-31/functions/nope/invocations",
        &[],
        b"{}",
    )
    .unwrap();
    assert_eq!(status, 404);
    let body: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(
        body["Message"],
        "Function not found: arn:aws:lambda:us-east-1:123456789012:function:nope"
    );

    let big = vec![b' '; 6 * 1024 * 1024 + 1];
    let (status, body) = http(
        serve.port,
        "POST",
        "/2015-03-31/functions/hello/invocations",
        &[],
        &big,
    )
    .unwrap();
    assert_eq!(status, 413, "{}", String::from_utf8_lossy(&body));
    assert!(String::from_utf8_lossy(&body).contains("Request must be smaller than 6291456 bytes"));

    let (status, _) = http(
        serve.port,
        "POST",
        "/2015-03-31/functions/hello/invocations",
        &[],
        b"{not json",
    )
    .unwrap();
    assert_eq!(status, 400);
    let (status, _) = http(
        serve.port,
        "POST",
        "/2015-03-31/functions/hello/invocations?Qualifier=%24LATEST",
        &[],
        b"",
    )
    .unwrap();
    assert_eq!(status, 200);
}

/// `lambdabox invoke --endpoint-url <serve> <args>` in the service `dir`, with test credentials.
fn invoke_remote(dir: &std::path::Path, serve: &Serve, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_lambdabox"))
        .current_dir(dir)
        .args(["invoke", "--endpoint-url", &serve.endpoint()])
        .args(args)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("AWS_ACCESS_KEY_ID", "AKID")
        .env("AWS_SECRET_ACCESS_KEY", "secret")
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("TZ", "UTC")
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

/// stdout of a successful remote invoke, parsed.
fn remote_json(out: &std::process::Output) -> serde_json::Value {
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"))
}

#[test]
fn lambdabox_invoke_through_endpoint_url() {
    let dir = harness::fixture("node", "serve");
    let serve = Serve::start(&dir, &[]);
    let remote = |args: &[&str]| invoke_remote(&dir, &serve, args);
    let out = remote(&[
        "-f",
        "hello",
        "-d",
        r#"{"name":"cli"}"#,
        "--context",
        r#"{"custom":{"a":1}}"#,
        "--log",
    ]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stdout}\n{stderr}");
    assert!(
        stdout.starts_with(
            "{\n    \"event\": {\n        \"name\": \"cli\"\n    },\n    \"clientContext\": {"
        ),
        "{stdout}"
    );
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines[0], "-".repeat(68), "{stderr}");
    assert_eq!(lines[1], "START", "{stderr}");
    assert!(stderr.contains("hello from serve"), "{stderr}");
    assert!(stderr.contains("\nEND Duration: "), "{stderr}");

    let out = remote(&["-f", "fail"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("\"errorMessage\": \"boom\""));

    let out = remote(&["-f", "hello", "-t", "Event"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("accepted (status 202)"));

    // Missing credentials: the real default chain, nothing configured.
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_lambdabox"));
    let out = cmd
        .current_dir(&dir)
        .args(["invoke", "--endpoint-url", &serve.endpoint(), "-f", "hello"])
        .env_clear()
        .env("HOME", dir.join("no-such-home"))
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.starts_with("error: no AWS credentials were found\nhint: set AWS_ACCESS_KEY_ID"),
        "{stderr}"
    );
}

#[test]
fn ctrl_c_finishes_background_invocations_before_exiting() {
    let mut serve = Serve::start(&harness::fixture("node", "serve"), &[]);
    // An Event invocation that runs until its 1 s timeout.
    let out = block_on(
        serve
            .client()
            .invoke()
            .function_name("counter")
            .invocation_type(InvocationType::Event)
            .payload(Blob::new(r#"{"hang":true}"#))
            .send(),
    )
    .unwrap();
    assert_eq!(out.status_code(), 202);
    let interrupted = std::time::Instant::now();
    let status = Command::new("kill")
        .args(["-INT", &serve.child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let exit = serve.child.wait().unwrap();
    assert_eq!(exit.code(), Some(0));
    assert!(
        interrupted.elapsed() >= Duration::from_millis(500),
        "serve exited after {:?}, before the Event invocation ended",
        interrupted.elapsed()
    );
}

#[test]
fn python_function_through_endpoint_url_result_error_warm_state_and_replacement() {
    crate::python_sandbox::ensure_python();
    let dir = harness::fixture("python", "serve");
    let serve = Serve::start(&dir, &["--max-concurrency", "1"]);

    let out = invoke_remote(
        &dir,
        &serve,
        &["-f", "hello", "-d", r#"{"name":"py"}"#, "--log"],
    );
    let body = remote_json(&out);
    assert_eq!(body["event"], serde_json::json!({"name": "py"}), "{body}");
    assert_eq!(body["requestId"].as_str().map(str::len), Some(36), "{body}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("hello from python serve"), "{stderr}");

    let out = invoke_remote(&dir, &serve, &["-f", "fail"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    let doc: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(doc["errorType"], "ValueError", "{doc}");
    assert_eq!(doc["errorMessage"], "boom", "{doc}");

    for expected in 1..=2 {
        let out = invoke_remote(&dir, &serve, &["-f", "counter"]);
        assert_eq!(
            remote_json(&out),
            serde_json::json!(expected),
            "module state persists on the warm instance"
        );
    }
    let out = invoke_remote(&dir, &serve, &["-f", "counter", "-d", r#"{"hang":true}"#]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("timed out"), "{stdout}");
    let out = invoke_remote(&dir, &serve, &["-f", "counter"]);
    assert_eq!(
        remote_json(&out),
        serde_json::json!(1),
        "a fresh sandbox replaced the one that timed out"
    );
}

#[test]
fn ruby_function_through_the_sdk_keeps_warm_state() {
    let serve = Serve::start(
        &harness::fixture("ruby", "serve"),
        &["--max-concurrency", "1"],
    );
    let client = serve.client();
    block_on(async {
        let out = client
            .invoke()
            .function_name("rbserve-dev-hello")
            .payload(Blob::new(r#"{"name":"rb"}"#))
            .log_type(LogType::Tail)
            .send()
            .await
            .unwrap();
        assert_eq!(out.function_error(), None, "{:?}", payload_json(&out));
        let body = payload_json(&out);
        assert_eq!(body["event"], serde_json::json!({"name": "rb"}), "{body}");
        let log = String::from_utf8(
            base64::engine::general_purpose::STANDARD
                .decode(out.log_result().expect("a log tail"))
                .unwrap(),
        )
        .unwrap();
        assert!(log.contains("hello from ruby serve"), "{log}");
        for expected in 1..=2 {
            let out = client
                .invoke()
                .function_name("counter")
                .send()
                .await
                .unwrap();
            assert_eq!(payload_json(&out), serde_json::json!(expected));
        }
    });
}

#[test]
fn java_function_keeps_warm_state() {
    let dir = crate::java::service("example.ContextHandler");
    let serve = Serve::start(dir.path(), &["--max-concurrency", "1"]);
    let mut last = serde_json::Value::Null;
    for _ in 0..2 {
        last = remote_json(&invoke_remote(
            dir.path(),
            &serve,
            &["-f", "fn", "--region", "us-east-1", "-d", "\"x\""],
        ));
    }
    assert_eq!(last["coldStarts"], 1, "{last}");
    assert_eq!(
        last["invocations"], 2,
        "one warm instance served both calls: {last}"
    );
}
