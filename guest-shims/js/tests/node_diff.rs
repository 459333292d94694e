//! The differential corpus (tests/fixtures/node-diff), run natively: every case through
//! real `node` with tests/support/node-harness.js and through this runtime, compared.
//! Skipped with a message when `node` is not installed. The same corpus runs end to end
//! through the lambdabox binary in the host's tests/it/node_diff.rs.

mod support;
#[path = "../../../tests/support/node_diff_corpus.rs"]
mod node_diff_corpus;

use node_diff_corpus::Outcome;
use std::path::{Path, PathBuf};

use serde_json::{json, Value};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
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

#[test]
fn corpus_matches_native_node() {
    node_diff_corpus::check(&repo_root(), "guest", run_guest);
}
