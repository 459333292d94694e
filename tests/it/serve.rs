//! `lambdabox serve` started as a process: called through aws-sdk-lambda directly, through
//! `lambdabox invoke --endpoint-url`, and with raw HTTP for the edge cases. The scenarios every
//! runtime must pass are generated per runtime by `serve_runtime_tests!`.

use crate::harness;
use crate::remote::moto::http;
use aws_sdk_lambda::primitives::Blob;
use aws_sdk_lambda::types::{InvocationType, LogType};
use base64::Engine as _;
use std::io::{BufRead as _, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant};

/// A running `lambdabox serve` on a free port, stopped on drop.
pub struct Serve {
    child: Child,
    pub port: u16,
    /// Everything serve wrote to stderr so far (the functions' echoed log lines among it).
    stderr: Arc<Mutex<String>>,
}

impl Serve {
    pub fn start(dir: &Path, extra: &[&str]) -> Serve {
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
        let stderr = Arc::new(Mutex::new(String::new()));
        let pipe = child.stderr.take().unwrap();
        let kept = Arc::clone(&stderr);
        std::thread::spawn(move || {
            for line in BufReader::new(pipe).lines().map_while(Result::ok) {
                let mut kept = kept.lock().unwrap();
                kept.push_str(&line);
                kept.push('\n');
                let _ = tx.send(line);
            }
        });
        let port = loop {
            let line = rx
                .recv_timeout(Duration::from_secs(120))
                .unwrap_or_else(|_| {
                    panic!(
                        "serve prints where it listens; it wrote:\n{}",
                        stderr.lock().unwrap()
                    )
                });
            if let Some(addr) = line.strip_prefix("lambdabox serve: listening on http://") {
                break addr.rsplit(':').next().unwrap().parse().unwrap();
            }
        };
        // The reader thread keeps draining stderr after `rx` is gone.
        Serve {
            child,
            port,
            stderr,
        }
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

    /// serve's stderr so far.
    fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// Wait until serve's stderr contains `needle`; false after `timeout`.
    fn wait_for_stderr(&self, needle: &str, timeout: Duration) -> bool {
        let until = Instant::now() + timeout;
        while Instant::now() < until {
            if self.stderr().contains(needle) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        false
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
            "{\n    \"event\": {\n        \"name\": \"cli\"\n    },\n    \"custom\": {\n        \"a\": 1\n    },"
        ),
        "{stdout}"
    );
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines[0], "-".repeat(68), "{stderr}");
    assert_eq!(lines[1], "START", "{stderr}");
    assert!(stderr.contains("hello from node serve: cli"), "{stderr}");
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

/// The fields of a REPORT line, checked against AWS's exact format.
#[derive(Debug)]
struct ReportLine {
    duration_ms: f64,
    billed_ms: u64,
    memory_size_mb: u32,
    max_memory_used_mb: u32,
    init_ms: Option<f64>,
}

/// `REPORT RequestId: <id>\tDuration: <ms> ms\tBilled Duration: <ms> ms\tMemory Size: <mb> MB\t
/// Max Memory Used: <mb> MB\t[Init Duration: <ms> ms\t]` — the last line of a Tail log.
fn parse_report(log: &str, request_id: &str) -> ReportLine {
    let line = log.lines().last().unwrap_or_else(|| panic!("empty log"));
    let rest = line
        .strip_prefix(&format!("REPORT RequestId: {request_id}\t"))
        .unwrap_or_else(|| panic!("not the REPORT line of {request_id}: {line:?}"));
    let fields: Vec<&str> = rest
        .strip_suffix('\t')
        .unwrap_or_else(|| panic!("a REPORT line ends with a tab: {line:?}"))
        .split('\t')
        .collect();
    let field = |i: usize, name: &str, unit: &str| -> &str {
        fields
            .get(i)
            .and_then(|f| f.strip_prefix(name))
            .and_then(|f| f.strip_prefix(": "))
            .and_then(|f| f.strip_suffix(unit))
            .unwrap_or_else(|| panic!("field {i} is not `{name}: …{unit}` in {line:?}"))
    };
    let duration = field(0, "Duration", " ms");
    assert_eq!(
        duration.split('.').nth(1).map(str::len),
        Some(2),
        "two decimals: {line:?}"
    );
    let report = ReportLine {
        duration_ms: duration.parse().unwrap(),
        billed_ms: field(1, "Billed Duration", " ms").parse().unwrap(),
        memory_size_mb: field(2, "Memory Size", " MB").parse().unwrap(),
        max_memory_used_mb: field(3, "Max Memory Used", " MB").parse().unwrap(),
        init_ms: (fields.len() == 5).then(|| field(4, "Init Duration", " ms").parse().unwrap()),
    };
    assert!(fields.len() <= 5, "{line:?}");
    // Billed is the exact duration rounded up; the printed one is rounded to 2 decimals, so
    // 1.004 ms prints as 1.00 and bills 2.
    let billed = |ms: f64| (ms.ceil() as u64).max(1);
    assert!(
        (billed(report.duration_ms - 0.005)..=billed(report.duration_ms + 0.005))
            .contains(&report.billed_ms),
        "{line:?}"
    );
    report
}

fn decode_tail(out: &aws_sdk_lambda::operation::invoke::InvokeOutput) -> String {
    String::from_utf8(
        base64::engine::general_purpose::STANDARD
            .decode(out.log_result().expect("a log tail"))
            .unwrap(),
    )
    .unwrap()
}

/// The fixture service `<runtime>-serve` (compiled for Java), ready for serve.
fn serve_fixture(runtime: &str) -> harness::Fixture {
    if runtime == "python" {
        crate::python_sandbox::ensure_python();
    }
    harness::fixture(runtime, "serve")
}

/// The scenarios every runtime passes through serve, on its `<runtime>-serve` fixture (functions
/// `hello`, `counter` and `fail` with the same behaviour in each language); `$error_type` is
/// the language's name for the exception `fail` raises.
macro_rules! serve_runtime_tests {
    ($($runtime:ident: $error_type:literal,)*) => {$(
        mod $runtime {
            use super::*;

            const RUNTIME: &str = stringify!($runtime);

            #[test]
            fn sdk_result_client_context_env_tail_and_report() {
                let dir = serve_fixture(RUNTIME);
                let serve = Serve::start(&dir, &["-e", &format!("GREETING=hi {RUNTIME}")]);
                let client = serve.client();
                block_on(async {
                    let out = client
                        .invoke()
                        .function_name("hello")
                        .payload(Blob::new(r#"{"name":"sdk"}"#))
                        .client_context(
                            base64::engine::general_purpose::STANDARD
                                .encode(r#"{"custom":{"k":"v"}}"#),
                        )
                        .log_type(LogType::Tail)
                        .send()
                        .await
                        .expect("invoke through the SDK");
                    assert_eq!(out.status_code(), 200);
                    assert_eq!(out.function_error(), None, "{:?}", payload_json(&out));
                    assert_eq!(out.executed_version(), Some("$LATEST"));
                    let body = payload_json(&out);
                    assert_eq!(body["event"], serde_json::json!({"name": "sdk"}), "{body}");
                    assert_eq!(body["custom"]["k"], "v", "the client context arrives: {body}");
                    assert_eq!(body["greeting"], format!("hi {RUNTIME}"), "-e reaches the handler");
                    let request_id = body["requestId"].as_str().unwrap();
                    let log = decode_tail(&out);
                    assert!(
                        log.starts_with(&format!("START RequestId: {request_id} Version: $LATEST\n")),
                        "{log}"
                    );
                    assert!(log.contains(&format!("hello from {RUNTIME} serve: sdk")), "{log}");
                    assert!(log.contains(&format!("\nEND RequestId: {request_id}\nREPORT ")), "{log}");
                    let cold = parse_report(&log, request_id);
                    assert_eq!(cold.memory_size_mb, 128);
                    assert!(cold.init_ms.is_some(), "the first call is a cold start: {log}");
                    assert!(
                        (1..=128).contains(&cold.max_memory_used_mb),
                        "the guest's memory, within memorySize: {cold:?}"
                    );

                    let warm = client
                        .invoke()
                        .function_name("hello")
                        .payload(Blob::new(r#"{"name":"again"}"#))
                        .log_type(LogType::Tail)
                        .send()
                        .await
                        .unwrap();
                    let body = payload_json(&warm);
                    let log = decode_tail(&warm);
                    let warm_report = parse_report(&log, body["requestId"].as_str().unwrap());
                    assert_eq!(warm_report.init_ms, None, "a warm call has no init: {log}");
                    assert!(
                        warm_report.max_memory_used_mb >= cold.max_memory_used_mb,
                        "the peak of a warm instance never goes down: {cold:?} {warm_report:?}"
                    );

                    let fail = client.invoke().function_name("fail").send().await.unwrap();
                    assert_eq!(fail.status_code(), 200);
                    assert_eq!(fail.function_error(), Some("Unhandled"));
                    let doc = payload_json(&fail);
                    assert_eq!(doc["errorType"], $error_type, "{doc}");
                    assert_eq!(doc["errorMessage"], "boom", "{doc}");
                });
            }

            #[test]
            fn lambdabox_invoke_through_endpoint_url_with_log() {
                let dir = serve_fixture(RUNTIME);
                let serve = Serve::start(&dir, &[]);
                let out = invoke_remote(&dir, &serve, &["-f", "hello", "-d", r#"{"name":"cli"}"#, "--log"]);
                let body = remote_json(&out);
                assert_eq!(body["event"], serde_json::json!({"name": "cli"}), "{body}");
                let stderr = String::from_utf8_lossy(&out.stderr);
                let lines: Vec<&str> = stderr.lines().collect();
                assert_eq!(lines.get(1), Some(&"START"), "{stderr}");
                assert!(stderr.contains(&format!("hello from {RUNTIME} serve: cli")), "{stderr}");
                let end = lines.iter().find(|l| l.starts_with("END ")).copied().unwrap_or_default();
                assert!(
                    end.starts_with("END Duration: ") && end.contains(" ms (init: ") && end.ends_with(" MB"),
                    "Serverless's END line, with init time and memory used: {stderr}"
                );
                let out = invoke_remote(&dir, &serve, &["-f", "fail"]);
                let stdout = String::from_utf8_lossy(&out.stdout);
                assert_eq!(out.status.code(), Some(1), "{stdout}");
                let doc: serde_json::Value = serde_json::from_str(&stdout).unwrap();
                assert_eq!(doc["errorType"], $error_type, "{doc}");
            }

            #[test]
            fn event_runs_in_the_background_and_dry_run_does_not() {
                let dir = serve_fixture(RUNTIME);
                let serve = Serve::start(&dir, &[]);
                let client = serve.client();
                block_on(async {
                    let dry = client
                        .invoke()
                        .function_name("hello")
                        .invocation_type(InvocationType::DryRun)
                        .payload(Blob::new(r#"{"name":"dry-run"}"#))
                        .send()
                        .await
                        .unwrap();
                    assert_eq!(dry.status_code(), 204);
                    let event = client
                        .invoke()
                        .function_name("hello")
                        .invocation_type(InvocationType::Event)
                        .payload(Blob::new(r#"{"name":"event"}"#))
                        .send()
                        .await
                        .unwrap();
                    assert_eq!(event.status_code(), 202);
                    assert!(event.payload().is_none_or(|p| p.as_ref().is_empty()));
                });
                assert!(
                    serve.wait_for_stderr(
                        &format!("hello from {RUNTIME} serve: event"),
                        Duration::from_secs(120)
                    ),
                    "the Event invocation ran: {}",
                    serve.stderr()
                );
                assert!(
                    !serve.stderr().contains("serve: dry-run"),
                    "DryRun runs nothing: {}",
                    serve.stderr()
                );
            }

            #[test]
            fn warm_state_persists_and_a_timed_out_sandbox_is_replaced() {
                let dir = serve_fixture(RUNTIME);
                let serve = Serve::start(&dir, &["--max-concurrency", "1"]);
                let client = serve.client();
                block_on(async {
                    for expected in 1..=3 {
                        let out = client.invoke().function_name("counter").send().await.unwrap();
                        assert_eq!(
                            payload_json(&out),
                            serde_json::json!(expected),
                            "module state persists on the warm instance"
                        );
                    }
                    let out = client
                        .invoke()
                        .function_name("counter")
                        .payload(Blob::new(r#"{"hang":true}"#))
                        .send()
                        .await
                        .unwrap();
                    assert_eq!(out.function_error(), Some("Unhandled"));
                    let doc = payload_json(&out);
                    assert!(
                        doc["errorMessage"].as_str().unwrap_or_default().contains("timed out"),
                        "{doc}"
                    );
                    let out = client.invoke().function_name("counter").send().await.unwrap();
                    assert_eq!(
                        payload_json(&out),
                        serde_json::json!(1),
                        "a fresh sandbox replaced the one that timed out"
                    );
                });
            }

            #[test]
            fn an_idle_sandbox_is_dropped_after_the_idle_timeout() {
                let dir = serve_fixture(RUNTIME);
                let serve = Serve::start(&dir, &["--max-concurrency", "1", "--idle-timeout", "1"]);
                let client = serve.client();
                block_on(async {
                    let count = || async {
                        payload_json(&client.invoke().function_name("counter").send().await.unwrap())
                    };
                    assert_eq!(count().await, serde_json::json!(1));
                    assert_eq!(count().await, serde_json::json!(2), "not idle long enough to be dropped");
                    tokio::time::sleep(Duration::from_millis(2500)).await;
                    assert_eq!(count().await, serde_json::json!(1), "module state starts over after idling");
                    assert_eq!(count().await, serde_json::json!(2));
                });
            }
        }
    )*};
}

serve_runtime_tests! {
    node: "Error",
    python: "ValueError",
    ruby: "ArgumentError",
    java: "java.lang.IllegalStateException",
}

#[test]
fn max_memory_used_is_the_warm_instances_peak() {
    let serve = Serve::start(
        &harness::fixture("node", "serve"),
        &["--max-concurrency", "1"],
    );
    let client = serve.client();
    block_on(async {
        let report = |payload: &'static str, function: &'static str| {
            let client = client.clone();
            async move {
                let out = client
                    .invoke()
                    .function_name(function)
                    .payload(Blob::new(payload))
                    .log_type(LogType::Tail)
                    .send()
                    .await
                    .unwrap();
                assert_eq!(out.function_error(), None, "{:?}", payload_json(&out));
                let log = decode_tail(&out);
                let request_id = log
                    .strip_prefix("START RequestId: ")
                    .and_then(|l| l.split(' ').next())
                    .unwrap()
                    .to_owned();
                parse_report(&log, &request_id).max_memory_used_mb
            }
        };
        let before = report(r#"{"mb":0}"#, "grow").await;
        let grown = report(r#"{"mb":40}"#, "grow").await;
        assert!(
            grown >= before + 40,
            "40 MB more in use: {before} MB → {grown} MB"
        );
        assert!(grown <= 128, "{grown}");
        let after = report(r#"{"mb":0}"#, "grow").await;
        assert_eq!(
            after, grown,
            "the warm instance's peak so far, as Lambda reports it"
        );
    });
}

/// A one-shot HTTP server on loopback answering `pong`; yields the request line it got.
fn pong_server() -> (u16, mpsc::Receiver<String>) {
    use std::io::{Read as _, Write as _};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let Ok((mut stream, _)) = listener.accept() else {
            return;
        };
        let mut buf = [0u8; 4096];
        let n = stream.read(&mut buf).unwrap_or(0);
        let request = String::from_utf8_lossy(&buf[..n]).into_owned();
        let _ = tx.send(request.lines().next().unwrap_or_default().to_owned());
        let _ = stream.write_all(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 4\r\nConnection: close\r\n\r\npong",
        );
    });
    (port, rx)
}

#[test]
fn allow_net_lets_a_served_function_reach_a_loopback_server() {
    let dir = harness::fixture("node", "net");
    let (port, requests) = pong_server();
    let event = format!(r#"{{"url":"http://127.0.0.1:{port}/ping"}}"#);

    let denied = Serve::start(&dir, &[]);
    let out = block_on(
        denied
            .client()
            .invoke()
            .function_name("fn")
            .payload(Blob::new(event.clone()))
            .send(),
    )
    .unwrap();
    assert_eq!(
        out.function_error(),
        Some("Unhandled"),
        "{:?}",
        payload_json(&out)
    );
    assert!(
        requests.recv_timeout(Duration::from_millis(200)).is_err(),
        "nothing reached the server without --allow-net"
    );

    let allowed = Serve::start(&dir, &["--allow-net", &format!("127.0.0.1:{port}")]);
    let out = block_on(
        allowed
            .client()
            .invoke()
            .function_name("fn")
            .payload(Blob::new(event))
            .send(),
    )
    .unwrap();
    let body = payload_json(&out);
    assert_eq!(out.function_error(), None, "{body}");
    assert_eq!(body["status"], 200, "{body}");
    assert_eq!(body["bytes"], serde_json::json!(b"pong"), "{body}");
    assert_eq!(
        requests.recv_timeout(Duration::from_secs(5)).unwrap(),
        "GET /ping HTTP/1.1"
    );
}

#[test]
fn serve_usage_errors() {
    let dir = harness::fixture("node", "serve");
    let repo = env!("CARGO_MANIFEST_DIR");
    let mut transcript = String::new();
    for args in [
        &["-e", "NOVALUE"][..],
        &["--env", "=x"],
        &["--mount", "nowhere::/mnt"],
        &["--mount", "tests::relative"],
        &["--allow-net", "http://"],
        &["--idle-timeout=-1"],
        &["--idle-timeout", "inf"],
        &["--idle-timeout", "soon"],
        &["--max-concurrency", "0"],
        &["--seed", "1"],
        &["--host", "not a host"],
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_lambdabox"))
            .current_dir(&*dir)
            .arg("serve")
            .args(args)
            .env_clear()
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {out:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        transcript.push_str(&format!(
            "$ lambdabox serve {}\n{}\n",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).replace(repo, "[REPO]")
        ));
    }
    insta::assert_snapshot!("serve_usage_errors", transcript);
}

#[test]
fn serve_help_lists_the_sandbox_flags() {
    let out = Command::new(env!("CARGO_BIN_EXE_lambdabox"))
        .args(["serve", "--help"])
        .env_clear()
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    insta::assert_snapshot!("serve_help", String::from_utf8_lossy(&out.stdout));
}

#[test]
fn deterministic_serve_freezes_the_clock_and_numbers_request_ids_from_the_seed() {
    let dir = harness::fixture("node", "serve");
    let two_calls = |args: &[&str]| {
        let serve = Serve::start(&dir, args);
        let client = serve.client();
        block_on(async {
            let mut bodies = Vec::new();
            for _ in 0..2 {
                let out = client.invoke().function_name("hello").send().await.unwrap();
                bodies.push(payload_json(&out));
            }
            bodies
        })
    };
    let a = two_calls(&["--deterministic", "--seed", "9"]);
    let b = two_calls(&["--deterministic", "--seed", "9"]);
    assert_eq!(
        a[0]["now"], 946_684_800_000u64,
        "the frozen clock: {}",
        a[0]
    );
    assert_eq!(a[0]["requestId"], b[0]["requestId"]);
    assert_eq!(a[1]["requestId"], b[1]["requestId"]);
    assert_ne!(a[0]["requestId"], a[1]["requestId"]);
    let other_seed = two_calls(&["--deterministic", "--seed", "10"]);
    assert_ne!(other_seed[0]["requestId"], a[0]["requestId"]);
    let random = two_calls(&[]);
    assert_ne!(random[0]["requestId"], a[0]["requestId"]);
    assert_ne!(random[0]["now"], a[0]["now"]);
}

#[test]
fn mounts_reach_served_functions_read_only_or_writable() {
    let data = tempfile::tempdir().unwrap();
    std::fs::write(data.path().join("input.txt"), "mounted input").unwrap();
    let out = tempfile::tempdir().unwrap();
    let ro = format!("{}::/data", data.path().display());
    let rw = format!("{}::/out:rw", out.path().display());
    let serve = Serve::start(
        &harness::fixture("node", "mount"),
        &["--mount", &ro, "--mount", &rw],
    );
    let out_json = block_on(serve.client().invoke().function_name("fn").send()).unwrap();
    let doc = payload_json(&out_json);
    assert_eq!(out_json.function_error(), None, "{doc}");
    assert_eq!(doc["read"], "mounted input");
    assert_ne!(doc["writeReadOnly"], "written", "{doc}");
    assert_eq!(doc["writeReadWrite"], "written", "{doc}");
    assert!(!data.path().join("nope.txt").exists());
    assert_eq!(
        std::fs::read_to_string(out.path().join("result.txt")).unwrap(),
        "from the sandbox"
    );
}

#[test]
fn an_init_error_is_a_function_error_with_a_full_report_line() {
    let serve = Serve::start(&harness::fixture("node", "serve"), &[]);
    let out = block_on(
        serve
            .client()
            .invoke()
            .function_name("broken")
            .log_type(LogType::Tail)
            .send(),
    )
    .unwrap();
    assert_eq!(out.function_error(), Some("Unhandled"));
    let doc = payload_json(&out);
    assert_eq!(doc["errorMessage"], "broken at load", "{doc}");
    let log = decode_tail(&out);
    let request_id = log
        .strip_prefix("START RequestId: ")
        .and_then(|l| l.split(' ').next())
        .unwrap();
    let report = parse_report(&log, request_id);
    assert!(report.duration_ms > 0.0, "the failed start's time: {log}");
    assert!(report.max_memory_used_mb > 0, "{log}");
}
