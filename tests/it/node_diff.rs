//! Differential test: every handler of tests/fixtures/node-diff runs through real `node`
//! (with tests/support/node-harness.js, which mimics the AWS Lambda Node runtime) and through
//! `lambdabox invoke local`; results (or error type, message and first trace line) must be
//! equal, and logs too where a case sets `"compareLogs": true`. Skipped with a message when
//! `node` is not installed.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{json, Value};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn node_available() -> bool {
    Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

struct Outcome {
    doc: Value,
    logs: String,
}

fn run_node(dir: &Path, case: &Value) -> Outcome {
    let mut cmd = Command::new("node");
    cmd.arg(repo().join("tests/support/node-harness.js"))
        .arg(dir)
        .arg(case["handler"].as_str().unwrap())
        .arg(case["event"].to_string());
    if let Some(ctx) = case.get("context") {
        cmd.arg(ctx.to_string());
    }
    let out = cmd.output().expect("node runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let doc = serde_json::from_str(stdout.trim()).unwrap_or_else(|e| {
        panic!(
            "the harness printed no JSON ({e}): {stdout}\n{}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    Outcome {
        doc,
        logs: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// `lambdabox invoke local` on a one-function service (`svc`, stage `dev`, function `fn`,
/// so the deployed name matches the harness's `svc-dev-fn`).
fn run_lambdabox(case_dir: &Path, case: &Value) -> Outcome {
    let service = tempfile::tempdir().unwrap();
    copy_dir(case_dir, service.path());
    std::fs::remove_file(service.path().join("case.json")).unwrap();
    let yml = format!(
        "service: svc\nprovider:\n  name: aws\n  runtime: nodejs20.x\nfunctions:\n  fn:\n    handler: {}\n",
        case["handler"].as_str().unwrap()
    );
    std::fs::write(service.path().join("serverless.yml"), yml).unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_lambdabox"));
    cmd.current_dir(service.path())
        .args(["invoke", "local", "-f", "fn", "-d"])
        .arg(case["event"].to_string())
        .env("NO_COLOR", "1");
    if let Some(ctx) = case.get("context") {
        cmd.arg("-c").arg(ctx.to_string());
    }
    let out = cmd.output().expect("lambdabox runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let parsed: Value = serde_json::from_str(stdout.trim()).unwrap_or_else(|e| {
        panic!(
            "lambdabox printed no JSON ({e}), exit {:?}: {stdout}\n{}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let doc = match out.status.code() {
        Some(0) => json!({"ok": true, "result": parsed}),
        Some(1) => json!({"ok": false, "errorType": parsed["errorType"],
            "errorMessage": parsed["errorMessage"], "stackTrace": parsed["stackTrace"]}),
        other => panic!(
            "lambdabox exited with {other:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        ),
    };
    Outcome {
        doc,
        logs: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// What must agree: the result, or the error's type, message and first trace line.
fn comparable(doc: &Value) -> Value {
    if doc["ok"] == json!(true) {
        return doc.clone();
    }
    json!({
        "errorType": doc["errorType"],
        "errorMessage": doc["errorMessage"],
        "traceHead": doc["stackTrace"].get(0),
    })
}

#[test]
fn node_handlers_behave_as_under_native_node() {
    if !node_available() {
        eprintln!("node_diff: skipped, `node` is not installed");
        return;
    }
    let corpus = repo().join("tests/fixtures/node-diff");
    let mut cases: Vec<_> = std::fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    cases.sort();
    assert!(cases.len() >= 20, "the corpus is missing");
    let only = std::env::var("NODE_DIFF_CASE").ok();
    let mut failures = Vec::new();
    for dir in &cases {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        if only.as_deref().is_some_and(|o| o != name) {
            continue;
        }
        let case: Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join("case.json")).unwrap()).unwrap();
        let node = run_node(dir, &case);
        let lambdabox = run_lambdabox(dir, &case);
        if comparable(&node.doc) != comparable(&lambdabox.doc) {
            failures.push(format!(
                "{name}: results differ\n  node:      {}\n  lambdabox: {}",
                comparable(&node.doc),
                comparable(&lambdabox.doc)
            ));
        }
        if case["compareLogs"] == json!(true) && node.logs != lambdabox.logs {
            failures.push(format!(
                "{name}: logs differ\n--- node\n{}--- lambdabox\n{}",
                node.logs, lambdabox.logs
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} mismatches:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}
