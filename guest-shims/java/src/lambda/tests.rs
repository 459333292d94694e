//! Differential Lambda tests: fixture handlers (tests/fixtures/java/handlers) run through this
//! runtime and through real `java` with tests/support/java-harness/LambdaHarness.java (which
//! mimics the Lambda Java runtime's dispatch and JSON mapping); the outputs must be equal.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use super::json::write_string;
use super::{FunctionError, InvokeContext, Runtime};
use crate::testutil::{fixture, Compiled};

fn sources(dir: &Path, prefix: &str, out: &mut Vec<(String, String)>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        let name = format!("{prefix}{}", e.file_name().to_string_lossy());
        if p.is_dir() {
            sources(&p, &format!("{name}/"), out);
        } else if name.ends_with(".java") {
            out.push((name, std::fs::read_to_string(&p).unwrap()));
        }
    }
}

/// Compiles the handlers, the harness and the runtime interfaces once per test.
fn compile_handlers() -> Compiled {
    let mut files = Vec::new();
    sources(&fixture("handlers"), "", &mut files);
    let lib = Path::new(env!("CARGO_MANIFEST_DIR")).join("classlib/com");
    sources(&lib, "com/", &mut files);
    files.push((
        "LambdaHarness.java".into(),
        std::fs::read_to_string(fixture("../../support/java-harness/LambdaHarness.java")).unwrap(),
    ));
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    crate::testutil::javac(&refs, "17")
}

fn hotspot(dir: &Path, handler: &str, events: &[&str]) -> Vec<String> {
    let mut child = Command::new("java")
        .arg("-cp")
        .arg(dir)
        .args(["LambdaHarness", handler])
        .env("LAMBDABOX_TEST_ENV", "from-env")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("java must be installed");
    let mut input = String::new();
    for e in events {
        input.push_str(e);
        input.push('\n');
    }
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "harness failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(String::from)
        .collect()
}

fn error_line(e: &FunctionError) -> String {
    let mut s = String::from("ERR {\"errorMessage\":");
    write_string(&mut s, &e.error_message);
    s.push_str(",\"errorType\":");
    write_string(&mut s, &e.error_type);
    s.push_str(",\"stackTrace\":[");
    let user: Vec<&String> = e
        .stack_trace
        .iter()
        .filter(|f| !f.starts_with("java."))
        .collect();
    for (i, f) in user.iter().enumerate() {
        if i > 0 {
            s.push(',');
        }
        write_string(&mut s, f);
    }
    s.push_str("]}");
    s
}

pub fn context() -> InvokeContext {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as u64;
    InvokeContext {
        aws_request_id: "req-1".into(),
        function_name: "fn".into(),
        function_version: "$LATEST".into(),
        invoked_function_arn: "arn:aws:lambda:us-east-1:123456789012:function:fn".into(),
        memory_limit_mb: 1024,
        log_group_name: "/aws/lambda/fn".into(),
        log_stream_name: "stream".into(),
        deadline_ms: now + 3000,
        ..Default::default()
    }
}

fn ours(dir: &Path, handler: &str, events: &[&str]) -> (Vec<String>, String) {
    ours_with(dir, handler, events, crate::vm::Limits::default())
}

fn ours_with(
    dir: &Path,
    handler: &str,
    events: &[&str],
    limits: crate::vm::Limits,
) -> (Vec<String>, String) {
    std::env::set_var("LAMBDABOX_TEST_ENV", "from-env");
    let vm = crate::vm::tests::new_vm_with(dir, limits);
    let logs = std::rc::Rc::new(std::cell::RefCell::new(String::new()));
    let mut rt = match Runtime::new(vm, handler) {
        Ok(rt) => rt,
        Err(e) => return (vec![error_line(&e)], String::new()),
    };
    let sink = logs.clone();
    rt.vm.log = Box::new(move |s| sink.borrow_mut().push_str(s));
    let mut lines = Vec::new();
    for e in events {
        lines.push(match rt.invoke(e.as_bytes(), &context()) {
            Ok(r) if r.is_json => format!("JSON {}", String::from_utf8_lossy(&r.payload)),
            Ok(r) => format!("RAW {}", String::from_utf8_lossy(&r.payload)),
            Err(e) => error_line(&e),
        });
    }
    let l = logs.borrow().clone();
    (lines, l)
}

fn differential(c: &Compiled, handler: &str, events: &[&str]) -> String {
    let expected = hotspot(c.path(), handler, events);
    let (actual, logs) = ours(c.path(), handler, events);
    assert_eq!(actual, expected, "handler {handler}");
    logs
}

#[test]
fn request_handlers_match_hotspot() {
    let c = compile_handlers();
    let logs = differential(
        &c,
        "example.HelloHandler",
        &[
            r#"{"name": "Ada", "x": 1}"#,
            "{}",
            r#"[{"name":"unwrapped"}]"#,
        ],
    );
    assert!(logs.contains("event keys: [name, x]\n"), "{logs}");
    assert!(logs.contains("stdout line\n"), "{logs}");
    differential(
        &c,
        "example.TypesHandler",
        &[
            r#"{"i": 42, "l": 12345678901, "d": 4.70, "e": 1e3, "b": true, "s": "str", "n": null, "a": [1, "two", {"k": []}], "o": {"z": 1, "a": 2}}"#,
            r#"{unquoted: 'single', lead: 007, nan: NaN, esc: "a\qb\u00e9", "dup": 1, "dup": 2}"#,
        ],
    );
    differential(
        &c,
        "example.GenericBase$Numbers",
        &[r#"[1, "2", null, 4]"#, "5"],
    );
}

#[test]
fn pojo_handlers_match_hotspot() {
    let c = compile_handlers();
    differential(
        &c,
        "example.PojoHandler",
        &[
            r#"{"id": "o-1", "quantity": "3", "express": 1, "price": 9.5, "note": "n", "URL": "u", "url": "ignored", "unknown": true, "items": [{"sku": "A", "count": 2}, {"sku": "B", "count": "4"}]}"#,
            r#"{"id": "o-2", "quantity": null, "items": {"sku": "single", "count": 1}}"#,
        ],
    );
    // "" maps to a null POJO (ACCEPT_EMPTY_STRING_AS_NULL_OBJECT); the handler then fails.
    let (lines, _) = ours(c.path(), "example.PojoHandler", &["\"\""]);
    assert!(
        lines[0].contains("\"errorType\":\"java.lang.NullPointerException\""),
        "{}",
        lines[0]
    );
}

#[test]
fn stream_and_method_handlers_match_hotspot() {
    let c = compile_handlers();
    differential(
        &c,
        "example.UpperStreamHandler",
        &[r#"{"hello": "wörld"}"#, "plain"],
    );
    differential(&c, "example.Methods::greet", &[r#""Bob""#, "42", "[\"x\"]"]);
    differential(&c, "example.Methods::count", &["[1, 2, 3]", "7"]);
    differential(&c, "example.Methods::nothing", &["{}"]);
    differential(&c, "example.Methods::half", &["3", "\"1e3\""]);
}

#[test]
fn errors_match_hotspot() {
    let c = compile_handlers();
    differential(
        &c,
        "example.FailingHandler",
        &[r#"{"id": 1}"#, r#"{"nomessage": 1}"#],
    );
    differential(
        &c,
        "example.HelloHandler",
        &[r#"{"broken": "#, r#""a string for a map""#],
    );
}

#[test]
fn context_and_warm_state_match_hotspot() {
    let c = compile_handlers();
    differential(
        &c,
        "example.ContextHandler",
        &[r#"{"k": [1, 2]}"#, "\"second\"", "null"],
    );
}

#[test]
fn vm_raised_exceptions_name_type_and_user_frames() {
    let c = compile_handlers();
    let (lines, _) = ours(c.path(), "example.FailingHandler", &[r#"{"npe": true}"#]);
    assert!(
        lines[0].starts_with("ERR {\"errorMessage\":\"Cannot invoke \\\"String.trim()\\\" because \\\"<local2>\\\" is null\""),
        "{}",
        lines[0]
    );
    assert!(
        lines[0].contains("\"errorType\":\"java.lang.NullPointerException\""),
        "{}",
        lines[0]
    );
    assert!(
        lines[0].contains("example.FailingHandler.check(FailingHandler.java:19)"),
        "{}",
        lines[0]
    );
    assert!(
        lines[0].contains("example.FailingHandler.handleRequest(FailingHandler.java:13)"),
        "{}",
        lines[0]
    );
}

#[test]
fn missing_handler_class_is_a_function_error() {
    let c = compile_handlers();
    let (lines, _) = ours(c.path(), "example.Nope", &["{}"]);
    assert_eq!(lines, vec!["ERR {\"errorMessage\":\"example.Nope\",\"errorType\":\"java.lang.ClassNotFoundException\",\"stackTrace\":[]}"]);
}

#[test]
fn handlers_survive_gc_at_every_allocation() {
    let c = compile_handlers();
    let stress = || crate::vm::Limits {
        gc_stress: true,
        ..crate::vm::Limits::default()
    };
    for (handler, events) in [
        (
            "example.TypesHandler",
            vec![r#"{"i": 1, "a": [1, {"b": 2.5}], "s": "x"}"#, "{}"],
        ),
        (
            "example.PojoHandler",
            vec![r#"{"id": "o", "quantity": 2, "items": [{"sku": "A", "count": 3}]}"#],
        ),
        ("example.ContextHandler", vec!["{}", "[1]"]),
        ("example.FailingHandler", vec!["{}"]),
    ] {
        let expected = hotspot(c.path(), handler, &events);
        let (actual, _) = ours_with(c.path(), handler, &events, stress());
        assert_eq!(actual, expected, "{handler} under GC stress");
    }
}
