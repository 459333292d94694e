//! The pre-initialized CPython (src/sandbox/python_snapshot.rs): invocations restore it, what it
//! froze is given back per invocation, sandboxes it cannot serve start the full interpreter, and
//! a corrupt cache entry is rebuilt.

use crate::harness::{self, Run};
use crate::python_sandbox::ensure_python;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn service() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/services/python-snapshot")
}

fn invoke(function: &str, extra: &[&str]) -> Value {
    ensure_python();
    let mut args = vec!["invoke", "local", "-f", function];
    args.extend_from_slice(extra);
    let run = harness::lambdabox(&service(), &args);
    run.assert_code(0);
    run.json()
}

#[test]
fn python_invocations_restore_the_snapshot_with_the_functions_own_state() {
    let doc = invoke("state", &[]);
    assert_eq!(doc["snapshot"], true, "{doc}");
    // What `python3 -S -u -B -c …` gives, as on the full start.
    assert_eq!(doc["argv"], json!(["-c"]));
    assert_eq!(doc["flags"], json!([1, 1]));
    assert_eq!(doc["path0"], "/var/task");
    assert_eq!(doc["cwd"], "/var/task");
    // The environment is the function's, not the one the snapshot was built with.
    assert_eq!(doc["env"], "function-value");
    // Clock state taken at import (logging's start time) is from this run, not the snapshot's.
    let age = doc["log_age"].as_f64().unwrap();
    assert!((0.0..5.0).contains(&age), "{doc}");
}

#[test]
fn python_snapshot_runs_are_identical_when_deterministic_and_reseeded_otherwise() {
    let text = |extra: &[&str]| {
        ensure_python();
        let mut args = vec!["invoke", "local", "-f", "state"];
        args.extend_from_slice(extra);
        let run = harness::lambdabox(&service(), &args);
        run.assert_code(0);
        run.stdout
    };
    let first = text(&["--deterministic"]);
    assert_eq!(first, text(&["--deterministic"]), "byte-identical");
    let det: Value = serde_json::from_str(&first).unwrap();
    assert_eq!(det["snapshot"], true);
    assert_eq!(det["time"], json!(946684800.0));

    let (a, b) = (invoke("state", &[]), invoke("state", &[]));
    for key in ["random", "urandom", "uuid4"] {
        assert_ne!(a[key], b[key], "{key} is drawn again in every run");
        assert_ne!(a[key], det[key], "{key}");
    }
    assert_ne!(a["time"], b["time"]);
    // The str hash secret is fixed when the interpreter starts, i.e. in the snapshot.
    assert_eq!(a["hash"], det["hash"]);
}

#[test]
fn python_mounts_and_python_variables_start_the_full_interpreter() {
    let extra = tempfile::tempdir().unwrap();
    let mount = format!("{}::/mnt/extra", extra.path().display());
    let doc = invoke("state", &["--mount", &mount]);
    assert_eq!(doc["snapshot"], false, "{doc}");
    assert_eq!(doc["env"], "function-value");

    let doc = invoke("pythonpath", &[]);
    assert_eq!(
        doc,
        json!({"snapshot": false, "lib": "found through PYTHONPATH"})
    );
}

/// The compiled-code cache entry of this lambdabox's snapshot, in `cache`.
fn snapshot_entry(cache: &Path) -> PathBuf {
    let prefix = format!(
        "python-snapshot-{}",
        lambdabox::runtime::python::snapshot_key()
    );
    let entries: Vec<PathBuf> = std::fs::read_dir(cache.join("compiled"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(&prefix)
        })
        .collect();
    assert_eq!(entries.len(), 1, "{entries:?}");
    entries.into_iter().next().unwrap()
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn invoke_with_cache(cache: &Path) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_lambdabox"))
        .current_dir(service())
        .args(["invoke", "local", "-f", "state"])
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", std::env::var_os("HOME").unwrap_or_default())
        .env("LAMBDABOX_CACHE_DIR", cache)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[test]
fn a_corrupt_python_snapshot_entry_is_rebuilt() {
    ensure_python();
    // A private copy of the installed runtime, so rebuilding does not disturb other tests.
    let shared = harness::cache_dir();
    let cache = tempfile::tempdir().unwrap();
    copy_tree(
        &shared.join("runtimes/python"),
        &cache.path().join("runtimes/python"),
    );
    std::fs::create_dir_all(cache.path().join("compiled")).unwrap();
    let entry = snapshot_entry(&shared);
    let private = cache
        .path()
        .join("compiled")
        .join(entry.file_name().unwrap());
    std::fs::write(&private, b"\x7fELF not compiled code at all").unwrap();

    let run = invoke_with_cache(cache.path());
    run.assert_code(0);
    assert_eq!(run.json()["snapshot"], true, "{}", run.stderr);
    assert_eq!(
        snapshot_entry(cache.path()),
        private,
        "rebuilt under the same key"
    );
    let rebuilt = std::fs::metadata(&private).unwrap().len();
    assert!(
        rebuilt > 1 << 20,
        "the entry holds compiled code again ({rebuilt} bytes)"
    );

    // Loaded from the rebuilt entry this time (not rewritten).
    let modified = std::fs::metadata(&private).unwrap().modified().unwrap();
    invoke_with_cache(cache.path()).assert_code(0);
    assert_eq!(
        std::fs::metadata(&private).unwrap().modified().unwrap(),
        modified
    );
}
