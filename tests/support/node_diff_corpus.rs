//! The Node differential corpus (tests/fixtures/node-diff), shared by the two runners that use
//! it: the host's end-to-end test (tests/it/node_diff.rs, through the lambdabox binary) and the
//! JS guest's native test (guest-shims/js/tests/node_diff.rs, in process). Each case runs through
//! real `node` with tests/support/node-harness.js and through the runner under test; the result
//! (or error type, message and first trace line) must be equal, and the logs too where a case
//! sets `"compareLogs": true`.

use std::path::Path;
use std::process::Command;

use serde_json::{json, Value};

/// One run of one case: the harness-shaped result document and what went to stderr.
pub struct Outcome {
    /// `{"ok":true,"result":…}` or `{"ok":false,"errorType","errorMessage","stackTrace"}`.
    pub doc: Value,
    pub logs: String,
}

/// Run every case of `repo`'s corpus through native node and `run_other` (named `label` in
/// failure messages). Returns without checking, with a message, when `node` is not installed.
/// `NODE_DIFF_CASE=name` runs one case.
pub fn check(repo: &Path, label: &str, run_other: impl Fn(&Path, &Value) -> Outcome) {
    if !node_available() {
        eprintln!("node_diff: skipped, `node` is not installed");
        return;
    }
    let mut cases: Vec<_> = std::fs::read_dir(repo.join("tests/fixtures/node-diff"))
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
        let node = run_node(repo, dir, &case);
        let other = run_other(dir, &case);
        if comparable(&node.doc) != comparable(&other.doc) {
            failures.push(format!(
                "{name}: results differ\n  node: {}\n  {label}: {}",
                comparable(&node.doc),
                comparable(&other.doc)
            ));
        }
        if case["compareLogs"] == json!(true) && node.logs != other.logs {
            failures.push(format!(
                "{name}: logs differ\n--- node\n{}--- {label}\n{}",
                node.logs, other.logs
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

fn node_available() -> bool {
    Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn run_node(repo: &Path, case_dir: &Path, case: &Value) -> Outcome {
    let mut cmd = Command::new("node");
    cmd.arg(repo.join("tests/support/node-harness.js"))
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
            "the harness printed no JSON ({e}): {stdout}\n{}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
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
