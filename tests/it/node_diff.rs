//! Differential test: every handler of tests/fixtures/node-diff through real `node` (with
//! tests/support/node-harness.js, which mimics the AWS Lambda Node runtime) and through
//! `lambdabox invoke local` (the comparison lives in tests/support/node_diff_corpus.rs).

#[path = "../support/node_diff_corpus.rs"]
mod node_diff_corpus;

use node_diff_corpus::Outcome;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{json, Value};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
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

#[test]
fn node_handlers_behave_as_under_native_node() {
    node_diff_corpus::check(&repo(), "lambdabox", run_lambdabox);
}
