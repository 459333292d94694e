//! The differential corpus (tests/fixtures/node-diff), run natively: every case through
//! real `node` with tests/support/node-harness.js and through this runtime, compared.
//! Skipped with a message when `node` is not installed. The same corpus runs end to end
//! through the lambdabox binary in the host's tests/it/node_diff.rs.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{json, Value};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn node_available() -> bool {
    Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

struct Outcome {
    doc: Value,
    logs: String,
}

fn run_node(case_dir: &Path, case: &Value) -> Outcome {
    let harness = repo_root().join("tests/support/node-harness.js");
    let mut cmd = Command::new("node");
    cmd.arg(harness)
        .arg(case_dir)
        .arg(case["handler"].as_str().unwrap())
        .arg(case["event"].to_string());
    if let Some(ctx) = case.get("context") {
        cmd.arg(ctx.to_string());
    }
    let out = cmd.output().expect("node runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let doc = serde_json::from_str(stdout.trim()).unwrap_or_else(|e| {
        panic!(
            "harness printed no JSON ({e}): {stdout}\nstderr: {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    Outcome {
        doc,
        logs: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn run_guest(case_dir: &Path, case: &Value) -> Outcome {
    let mut ctx = support::context();
    ctx.log_stream_name = "2026/01/01/[$LATEST]lambdabox".into();
    ctx.aws_request_id = "diff-request-id".into();
    ctx.user_context = case.get("context").map(|c| c.to_string());
    let mut runs = support::run_in(
        case_dir,
        case["handler"].as_str().unwrap(),
        &[&case["event"].to_string()],
        ctx,
    );
    let run = runs.pop().unwrap();
    let doc = match run.result {
        Ok(payload) => {
            json!({"ok": true, "result": serde_json::from_str::<Value>(&payload).expect("JSON payload")})
        }
        Err(e) => {
            json!({"ok": false, "errorType": e.error_type, "errorMessage": e.error_message, "stackTrace": e.stack_trace})
        }
    };
    Outcome {
        doc,
        logs: run.logs,
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
fn corpus_matches_native_node() {
    if !node_available() {
        eprintln!("node_diff: skipped, `node` is not installed");
        return;
    }
    let corpus = repo_root().join("tests/fixtures/node-diff");
    let mut cases: Vec<_> = std::fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    cases.sort();
    assert!(cases.len() >= 20, "corpus is missing");
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
        let guest = run_guest(dir, &case);
        if comparable(&node.doc) != comparable(&guest.doc) {
            failures.push(format!(
                "{name}: results differ\n  node:  {}\n  guest: {}",
                comparable(&node.doc),
                comparable(&guest.doc)
            ));
        }
        if case["compareLogs"] == json!(true) && node.logs != guest.logs {
            failures.push(format!(
                "{name}: logs differ\n--- node\n{}--- guest\n{}",
                node.logs, guest.logs
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
