//! Java end to end through the real binary: the fixture handlers are compiled with javac into
//! a throw-away service directory (classes at the task root, as Lambda unpacks a jar).

use crate::harness::invoke;
use serde_json::json;
use std::path::Path;
use std::process::Command;

/// A service whose `fn` runs `handler`, with every fixture handler compiled at its task root.
pub fn service(handler: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("serverless.yml"),
        format!(
            "service: java-e2e\nprovider:\n  name: aws\n  runtime: java17\nfunctions:\n  fn:\n    handler: {handler}\n"
        ),
    )
    .unwrap();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let handlers = repo.join("tests/fixtures/java/handlers/example");
    let sources: Vec<_> = std::fs::read_dir(&handlers)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "java"))
        .collect();
    let status = Command::new("javac")
        .args(["--release", "17", "-g", "-sourcepath"])
        .arg(repo.join("guest-shims/java/classlib"))
        .arg("-d")
        .arg(dir.path())
        .args(&sources)
        .status()
        .expect("javac is needed to compile the Java fixtures");
    assert!(status.success());
    dir
}

#[test]
fn java_request_handler_returns_json_and_logs_to_stderr() {
    let dir = service("example.HelloHandler");
    let run = invoke(dir.path(), &["-d", r#"{"name": "Ada"}"#]);
    run.assert_code(0);
    assert_eq!(run.json(), json!("Hello, Ada! (1 keys)"));
    assert!(run.stderr.contains("event keys: [name]"), "{}", run.stderr);
    assert!(run.stderr.contains("stdout line"), "{}", run.stderr);
    assert!(!run.stdout.contains("stdout line"), "{}", run.stdout);
}

#[test]
fn java_pojo_handler_maps_json_both_ways() {
    let dir = service("example.PojoHandler");
    let run = invoke(
        dir.path(),
        &[
            "-d",
            r#"{"id": "o-1", "quantity": "2", "items": [{"sku": "A", "count": 3}]}"#,
        ],
    );
    run.assert_code(0);
    assert_eq!(
        run.json(),
        json!({"orderId": "o-1", "total": 6, "express": false, "publicField": "pf",
               "lines": ["Ax3", "price=null note=null url=null"], "computed": "c-6"})
    );
}

#[test]
fn java_exception_is_a_function_error() {
    let dir = service("example.FailingHandler");
    let run = invoke(dir.path(), &["-d", "{}"]);
    run.assert_code(1);
    let doc = run.json();
    assert_eq!(
        doc["errorType"],
        "example.FailingHandler$ValidationException"
    );
    assert_eq!(doc["errorMessage"], "missing field 'id'");
    assert_eq!(
        doc["stackTrace"][0],
        "example.FailingHandler.check(FailingHandler.java:22)"
    );
}

#[test]
fn java_stream_handler_output_is_printed_unchanged() {
    let dir = service("example.UpperStreamHandler");
    let run = invoke(dir.path(), &["-d", r#"{"a":1}"#]);
    run.assert_code(0);
    assert!(
        run.stdout.contains(r#"<<{"A":1}>> 7 bytes"#),
        "{}",
        run.stdout
    );
}

#[test]
fn java_method_handler_and_missing_class() {
    let dir = service("example.Methods::greet");
    let run = invoke(dir.path(), &["-d", r#""Bob""#]);
    run.assert_code(0);
    assert_eq!(run.json(), json!("hello Bob from java-e2e-dev-fn #1"));
    let missing = service("example.Nope");
    let run = invoke(missing.path(), &["-d", "{}"]);
    run.assert_code(1);
    assert_eq!(run.json()["errorType"], "java.lang.ClassNotFoundException");
}

#[test]
fn java_seeded_random_in_the_sandbox_equals_hotspot() {
    let dir = service("example.SeededRandomHandler");
    for seed in ["42", "-7"] {
        let run = invoke(dir.path(), &["-d", &format!(r#"{{"seed": {seed}}}"#)]);
        run.assert_code(0);
        let hotspot = Command::new("java")
            .arg("-cp")
            .arg(dir.path())
            .args(["example.SeededRandomHandler", seed])
            .output()
            .expect("java is needed for the differential tests");
        assert!(hotspot.status.success());
        let expected = String::from_utf8(hotspot.stdout).unwrap();
        assert_eq!(run.json(), json!(expected.trim_end()), "seed {seed}");
    }
}
